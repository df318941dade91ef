import type { Kysely } from 'kysely';
import { dialectNameOf } from './dialect.js';
import { type ProductRecord, productColumns, type Queryable, toRecord } from './products.js';

/** Rows per query of `streamProducts` and per `IN (…)` list of the lookups below. */
const BATCH_SIZE = 500;

/**
 * Every product (inactive included) in id order, read in keyset batches (`product_id > last`), so
 * memory stays bounded whatever the catalog's size.
 *
 * Batches rather than one `.stream()` query on purpose: a streaming query holds its connection until
 * the consumer (here an HTTP client, at its own pace) has read the last row. On SQLite, Kysely's driver
 * holds its single connection's mutex for that long, so every other query of the process waits; on
 * MySQL the pool's per-query timeout counts from the start of the query, so a slow download would be
 * cut off. A batch holds nothing between reads. Each row is read consistently; rows changed while the
 * export runs appear in the state of the moment their batch is read.
 */
export async function* streamProducts(
  db: Queryable,
  options: { readonly batchSize?: number } = {},
): AsyncGenerator<ProductRecord, void, undefined> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('products')
      .select(productColumns)
      .where('products.product_id', '>', after)
      .orderBy('products.product_id')
      .limit(batchSize)
      .execute();
    for (const row of rows) yield toRecord(row);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.product_id;
  }
}

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
  const lock = options.forUpdate === true && dialectNameOf(db as Kysely<unknown>) === 'mysql';
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
