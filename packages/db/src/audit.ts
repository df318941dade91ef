import type { Queryable } from './products.js';
import { toIsoUtc } from './time.js';

export interface AuditEntry {
  readonly productId: number;
  /** What happened, e.g. 'create', 'update', 'deactivate', 'delete', 'stock', 'import'. */
  readonly action: string;
  /** Who did it (a token's name, never the token). */
  readonly actor: string;
  readonly requestId?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditRecord {
  readonly id: number;
  readonly product_id: number;
  readonly action: string;
  readonly actor: string;
  readonly request_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly at: string;
}

/** Records a change; call in the same transaction as the change itself. */
export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('product_audit')
    .values({
      product_id: entry.productId,
      action: entry.action,
      actor: entry.actor,
      request_id: entry.requestId ?? null,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** A product's history, oldest first. Works after a permanent delete. */
export async function listAudit(db: Queryable, productId: number): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('product_audit')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('audit_id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.audit_id),
    product_id: row.product_id,
    action: row.action,
    actor: row.actor,
    request_id: row.request_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    at: toIsoUtc(row.created_at),
  }));
}
