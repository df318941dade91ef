import { sql } from 'kysely';
import type { Queryable } from './products.js';

/** How long a stored response is replayed for an `Idempotency-Key`. */
export const IDEMPOTENCY_TTL_HOURS = 24;

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
