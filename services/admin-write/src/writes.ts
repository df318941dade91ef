import {
  appendAudit,
  bumpCatalogVersion,
  completeIdempotencyKey,
  type Database,
  type DatabaseHandle,
  type ProductRecord,
  type StoredResponse,
} from '@mystore/db';
import type { Transaction } from 'kysely';

/** Who is writing, for the audit trail, and the idempotency key whose response commits with the write. */
export interface WriteContext {
  readonly actor: string;
  readonly requestId: string;
  readonly idempotency?: { readonly scope: string; readonly key: string };
}

/** What a write answers; stored with its Idempotency-Key in the same transaction. */
export interface WriteResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** JSON body, or undefined for none (204). */
  readonly body?: unknown;
}

export type Audit = (
  action: string,
  productId: number,
  before: ProductRecord | undefined,
  after: ProductRecord | undefined,
) => Promise<void>;

/**
 * Runs a catalog write in one transaction on the primary: the work itself, its audit records, the
 * catalog version bump (so every catalog-read pod invalidates) and the idempotency record all commit
 * together or not at all. A database error is left to the kernel's error handler, which maps it (a
 * duplicate sku is 409; a primary that is unreachable or read-only is 503 with Retry-After).
 */
export async function runWrite(
  handle: DatabaseHandle,
  context: WriteContext,
  work: (trx: Transaction<Database>, audit: Audit) => Promise<WriteResponse>,
): Promise<WriteResponse> {
  return handle.db.transaction().execute(async (trx) => {
    const audit: Audit = (action, productId, before, after) =>
      appendAudit(trx, {
        productId,
        action,
        actor: context.actor,
        requestId: context.requestId,
        before,
        after,
      });
    const response = await work(trx, audit);
    await bumpCatalogVersion(trx);
    if (context.idempotency) {
      await completeIdempotencyKey(
        trx,
        context.idempotency.scope,
        context.idempotency.key,
        storedResponseOf(response),
      );
    }
    return response;
  });
}

export function storedResponseOf(response: WriteResponse): StoredResponse {
  return {
    status: response.status,
    headers: response.headers,
    body: response.body === undefined ? '' : JSON.stringify(response.body),
  };
}
