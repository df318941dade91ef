import { sql } from 'kysely';
import { isDuplicateKeyError } from './errors.js';
import type { Queryable } from './products.js';
import { toEpochMs } from './time.js';

/** How long a stored response is replayed for an `Idempotency-Key`. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** The stored first response of a key. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type IdempotencyClaim =
  | { readonly state: 'claimed' }
  | { readonly state: 'running'; readonly sameRequest: boolean }
  | { readonly state: 'done'; readonly sameRequest: boolean; readonly response: StoredResponse };

/**
 * Claims `key` for a request (by its hash) in its own statement, so a concurrent request with the
 * same key sees it at once. A claim older than `abandonAfterMs` that never completed (its process died)
 * or a record past the TTL is taken over.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  scope: string,
  key: string,
  requestHash: string,
  options: { readonly abandonAfterMs?: number } = {},
): Promise<IdempotencyClaim> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db
        .insertInto('idempotency_keys')
        .values({ scope, idem_key: key, request_hash: requestHash, state: 'running' })
        .execute();
      return { state: 'claimed' };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('idem_key', '=', key)
      .executeTakeFirst();
    if (!row) continue; // purged in between: claim again
    const ageMs = Date.now() - toEpochMs(row.created_at);
    const expired = ageMs > IDEMPOTENCY_TTL_HOURS * 3_600_000;
    const abandoned = row.state === 'running' && ageMs > (options.abandonAfterMs ?? 60_000);
    if (expired || abandoned) {
      await releaseIdempotencyKey(db, scope, key);
      continue;
    }
    const sameRequest = row.request_hash === requestHash;
    if (row.state !== 'done') return { state: 'running', sameRequest };
    return {
      state: 'done',
      sameRequest,
      response: {
        status: row.status_code ?? 200,
        headers: JSON.parse(row.response_headers ?? '{}'),
        body: row.response_body ?? '',
      },
    };
  }
  return { state: 'running', sameRequest: true };
}

/** Stores the response; call it in the transaction of the write, so both commit or neither. */
export async function completeIdempotencyKey(
  db: Queryable,
  scope: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      state: 'done',
      status_code: response.status,
      response_headers: JSON.stringify(response.headers),
      response_body: response.body,
    })
    .where('scope', '=', scope)
    .where('idem_key', '=', key)
    .execute();
}

/** Drops a claim whose request failed, so a retry can run it. */
export async function releaseIdempotencyKey(db: Queryable, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('idem_key', '=', key).execute();
}

/** Deletes idempotency records older than the TTL; returns how many went. */
export async function purgeIdempotencyKeys(
  db: Queryable,
  olderThanHours = IDEMPOTENCY_TTL_HOURS,
): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanHours * 3_600_000);
  // The databases' own TIMESTAMP text form (UTC sessions on both), compared as such.
  const cutoffText = cutoff.toISOString().slice(0, 19).replace('T', ' ');
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<string>`${cutoffText}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
