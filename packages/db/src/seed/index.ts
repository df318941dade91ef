import type { Kysely } from 'kysely';
import { bumpCatalogVersion } from '../catalog-version.js';
import { insertProduct } from '../products.js';
import type { Database } from '../schema.js';
import { seedProducts } from './products.js';

export { SEED_CATEGORIES, type SeedProduct, seedProducts } from './products.js';

/**
 * Loads the seed catalog in one transaction when the products table is empty (the local run and the
 * tests call this on every start). Returns how many products it inserted.
 */
export async function seedCatalog(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('products').select('product_id').limit(1).executeTakeFirst();
    if (existing) return 0;
    for (const product of seedProducts) await insertProduct(trx, product);
    await bumpCatalogVersion(trx);
    return seedProducts.length;
  });
}
