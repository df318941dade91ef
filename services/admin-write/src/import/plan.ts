import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  findProductsByIds,
  findProductsBySkus,
  getProduct,
  insertProduct,
  type ProductInput,
  type ProductRecord,
  type Queryable,
  updateProduct,
} from '@mystore/db';
import { type ProductWrite, toProductChanges, toProductInput } from '../product-input.js';
import type { Audit } from '../writes.js';
import type { ImportRow, RowError } from './rows.js';

export type ImportAction = 'create' | 'update' | 'unchanged';

/** What one valid row will do. */
export type PlannedRow =
  | {
      readonly row: number;
      readonly action: 'create';
      readonly input: ProductInput;
    }
  | {
      readonly row: number;
      readonly action: 'update' | 'unchanged';
      readonly before: ProductRecord;
      /** Only the fields whose value differs from the stored one (empty when unchanged). */
      readonly changes: Partial<ProductInput>;
    };

export interface PlanOptions {
  /** Lock the matched rows until the transaction ends (the real import; not the dry run). */
  readonly lock: boolean;
  /** MySQL compares skus case-insensitively (utf8mb4_unicode_ci, a unique index); SQLite exactly. */
  readonly caseInsensitiveSku: boolean;
}

/** The fields of `wanted` whose value differs from the stored product's. */
function changedFields(before: ProductRecord, wanted: Partial<ProductInput>): Partial<ProductInput> {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted)) {
    if (value !== undefined && before[field as keyof ProductInput] !== value) changed[field] = value;
  }
  return changed as Partial<ProductInput>;
}

/**
 * Decides what every row does, reading only the products the rows name. Identity: a row with an `id`
 * updates that product (which must exist); otherwise a row whose `sku` belongs to a product updates
 * it; otherwise the row creates a product. An update sets the fields the row gives and keeps the others
 * (a CSV's absent columns, a JSON object's absent properties); one whose values all equal the stored
 * ones is `unchanged`. Errors: an unknown id, a sku repeated in the file, a sku that belongs to another
 * product than the row's id, two rows for the same product.
 */
export async function planImport(
  db: Queryable,
  rows: readonly ImportRow[],
  options: PlanOptions,
): Promise<{ planned: PlannedRow[]; errors: RowError[] }> {
  const skuKey = (sku: string) => (options.caseInsensitiveSku ? sku.toLowerCase() : sku);
  const skuOf = (row: ImportRow) => (typeof row.fields.sku === 'string' ? row.fields.sku : undefined);
  const ids = rows.flatMap((row) => (row.id === undefined ? [] : [row.id]));
  const skus = rows.flatMap((row) => skuOf(row) ?? []);
  const lookup = { forUpdate: options.lock };
  const byId = new Map((await findProductsByIds(db, ids, lookup)).map((product) => [product.id, product]));
  const bySku = new Map<string, ProductRecord>();
  for (const product of await findProductsBySkus(db, skus, lookup)) {
    if (product.sku !== null) bySku.set(skuKey(product.sku), product);
  }

  const planned: PlannedRow[] = [];
  const errors: RowError[] = [];
  const skuRows = new Map<string, number>();
  const productRows = new Map<number, number>();
  for (const row of rows) {
    const found: RowError[] = [];
    const sku = skuOf(row);
    const key = sku === undefined ? undefined : skuKey(sku);
    if (key !== undefined) {
      const first = skuRows.get(key);
      if (first === undefined) skuRows.set(key, row.row);
      else found.push({ row: row.row, field: 'sku', detail: `repeats the sku of row ${first}` });
    }

    let target: ProductRecord | undefined;
    if (row.id !== undefined) {
      target = byId.get(row.id);
      if (!target) found.push({ row: row.row, field: 'id', detail: `no product has the id ${row.id}` });
      const owner = key === undefined ? undefined : bySku.get(key);
      if (target && owner && owner.id !== target.id) {
        found.push({ row: row.row, field: 'sku', detail: `is the sku of another product (id ${owner.id})` });
      }
    } else if (key !== undefined) {
      target = bySku.get(key);
    }
    if (target) {
      const first = productRows.get(target.id);
      if (first === undefined) productRows.set(target.id, row.row);
      else {
        found.push({
          row: row.row,
          field: row.id === undefined ? 'sku' : 'id',
          detail: `row ${first} already changes this product (id ${target.id})`,
        });
      }
    }

    if (found.length > 0) {
      errors.push(...found);
    } else if (target) {
      const changes = changedFields(target, toProductChanges(row.fields));
      const action = Object.keys(changes).length > 0 ? 'update' : 'unchanged';
      planned.push({ row: row.row, action, before: target, changes });
    } else {
      // The schema requires name and price, so a row that creates has them.
      planned.push({ row: row.row, action: 'create', input: toProductInput(row.fields as ProductWrite) });
    }
  }
  return { planned, errors };
}

export interface ImportResult {
  readonly dry_run: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rows: { row: number; action: ImportAction; id: number | null; sku: string | null }[];
}

const YIELD_EVERY = 100;

/**
 * Writes the plan in the caller's transaction: inserts, updates of the changed fields only (each bumps
 * the row's version), and one 'import' audit record per product written. Returns the ids, row by row.
 */
export async function applyImport(
  trx: Queryable,
  planned: readonly PlannedRow[],
  audit: Audit,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, step] of planned.entries()) {
    // SQLite runs each statement synchronously: let the event loop breathe (health checks, other
    // requests, the load-shedding monitor) instead of blocking it for the whole import.
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await nextTurn();
    if (step.action === 'create') {
      const id = await insertProduct(trx, step.input);
      await audit('import', id, undefined, await getProduct(trx, id));
      ids.push(id);
    } else {
      if (step.action === 'update') {
        await updateProduct(trx, step.before.id, step.changes);
        await audit('import', step.before.id, step.before, await getProduct(trx, step.before.id));
      }
      ids.push(step.before.id);
    }
  }
  return ids;
}

/** The response: counts and one entry per row (ids null for a dry run's creates). */
export function importResult(
  planned: readonly PlannedRow[],
  ids: readonly number[] | undefined,
): ImportResult {
  const count = (action: ImportAction) => planned.filter((step) => step.action === action).length;
  return {
    dry_run: ids === undefined,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    rows: planned.map((step, index) => ({
      row: step.row,
      action: step.action,
      id: ids?.[index] ?? (step.action === 'create' ? null : step.before.id),
      sku:
        step.action === 'create'
          ? (step.input.sku ?? null)
          : step.changes.sku !== undefined
            ? step.changes.sku
            : step.before.sku,
    })),
  };
}
