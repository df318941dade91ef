import { type ProductRecord, productColumns, type Queryable, toRecord } from './products.js';

/** Rows per query. */
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
