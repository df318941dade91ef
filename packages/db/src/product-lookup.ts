import type { Kysely } from 'kysely';
import { dialectNameOf, sqlDialect } from './dialect.js';
import { type ProductRecord, productColumns, type Queryable, toRecord } from './products.js';

/** Values per `IN (…)` list. */
const BATCH_SIZE = 500;

interface LookupOptions {
  /** Lock the rows found for the rest of the transaction (MySQL; SQLite has one writer anyway). */
  readonly forUpdate?: boolean;
}

/** The products with these ids (unknown ids are simply absent), in id order. */
export async function findProductsByIds(
  db: Queryable,
  ids: readonly number[],
  options: LookupOptions = {},
): Promise<ProductRecord[]> {
  return findIn(db, { ids: [...new Set(ids)] }, options);
}

/**
 * The products whose sku is one of these, in id order. Matching follows the column's collation:
 * exact on SQLite, case-insensitive on MySQL (utf8mb4_unicode_ci).
 */
export async function findProductsBySkus(
  db: Queryable,
  skus: readonly string[],
  options: LookupOptions = {},
): Promise<ProductRecord[]> {
  return findIn(db, { skus: [...new Set(skus)] }, options);
}

async function findIn(
  db: Queryable,
  keys: { readonly ids: readonly number[] } | { readonly skus: readonly string[] },
  options: LookupOptions,
): Promise<ProductRecord[]> {
  const lock = options.forUpdate === true && sqlDialect(dialectNameOf(db as Kysely<unknown>)).locksRows;
  const values: readonly (number | string)[] = 'ids' in keys ? keys.ids : keys.skus;
  const found: ProductRecord[] = [];
  for (let start = 0; start < values.length; start += BATCH_SIZE) {
    let query = db
      .selectFrom('products')
      .select(productColumns)
      .where((eb) =>
        'ids' in keys
          ? eb('products.product_id', 'in', keys.ids.slice(start, start + BATCH_SIZE))
          : eb('products.sku', 'in', keys.skus.slice(start, start + BATCH_SIZE)),
      )
      .orderBy('products.product_id');
    if (lock) query = query.forUpdate();
    for (const row of await query.execute()) found.push(toRecord(row));
  }
  return found.sort((a, b) => a.id - b.id);
}
