import {
  appendAudit,
  bumpCatalogVersion,
  completeIdempotencyKey,
  type Database,
  type DatabaseHandle,
  isDuplicateKeyError,
  isUnavailableError,
  type ProductRecord,
  type StoredResponse,
} from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';
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
 * together or not at all. Database failures become meaningful answers: a duplicate SKU is 409; a
 * primary that is unreachable or read-only (failover) is 503 with Retry-After.
 */
export async function runWrite(
  handle: DatabaseHandle,
  context: WriteContext,
  work: (trx: Transaction<Database>, audit: Audit) => Promise<WriteResponse>,
): Promise<WriteResponse> {
  try {
    return await handle.db.transaction().execute(async (trx) => {
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
          stored(response),
        );
      }
      return response;
    });
  } catch (error) {
    throw explainDatabaseError(error);
  }
}

export function stored(response: WriteResponse): StoredResponse {
  return {
    status: response.status,
    headers: response.headers,
    body: response.body === undefined ? '' : JSON.stringify(response.body),
  };
}

export function explainDatabaseError(error: unknown): unknown {
  if (error instanceof HttpProblem) return error;
  if (isDuplicateKeyError(error)) {
    return new HttpProblem(409, 'Another product already uses this sku.', {
      errors: [{ name: 'sku', detail: 'is already used by another product' }],
    });
  }
  if (isUnavailableError(error)) {
    return new HttpProblem(503, 'The catalog database cannot take writes right now; nothing was changed.', {
      headers: { 'retry-after': '5' },
    });
  }
  return error;
}
