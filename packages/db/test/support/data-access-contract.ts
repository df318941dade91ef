import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  bumpCatalogVersion,
  countProducts,
  type DatabaseHandle,
  deleteProduct,
  getProduct,
  insertProduct,
  type KeysetPosition,
  keysetPositionOf,
  listAudit,
  listCategories,
  listProducts,
  migrateDownOne,
  migrateToLatest,
  PRODUCT_SORTS,
  type ProductFilter,
  type ProductRecord,
  type ProductSort,
  purgeIdempotencyKeys,
  readCatalogVersion,
  schemaStatus,
  seedCatalog,
  seedProducts,
  updateProduct,
} from '../../src/index.js';
import { expectedSearchSkus, FIXED_SEARCHES } from './search-oracle.js';

const asUnknown = (db: DatabaseHandle['db']) => db as Kysely<unknown>;

/** Ids in the database's own order for a filter and sort, in one query (the reference for paging). */
async function referenceOrder(handle: DatabaseHandle, filter: ProductFilter, sort: ProductSort) {
  const page = await listProducts(handle.db, { filter, sort, limit: 10_000 });
  return page.items.map((item) => item.id);
}

/** Walks every page forward with `after`, then every page back with `before` from the last row. */
async function walk(handle: DatabaseHandle, filter: ProductFilter, sort: ProductSort, limit: number) {
  const forward: ProductRecord[] = [];
  let after: KeysetPosition | undefined;
  for (;;) {
    const page = await listProducts(handle.db, { filter, sort, limit, after });
    forward.push(...page.items);
    if (!page.more) break;
    after = keysetPositionOf(page.items.at(-1)!, sort);
  }
  const last = forward.at(-1);
  const backward: ProductRecord[] = last ? [last] : [];
  let before = last && keysetPositionOf(last, sort);
  while (before) {
    const page = await listProducts(handle.db, { filter, sort, limit, before });
    backward.unshift(...page.items);
    before = page.more ? keysetPositionOf(page.items[0]!, sort) : undefined;
  }
  return { forward: forward.map((p) => p.id), backward: backward.map((p) => p.id) };
}

/**
 * The same data-access behaviour on every dialect. `open` returns a handle on an empty database whose
 * user may run DDL.
 */
export function dataAccessContract(open: () => Promise<DatabaseHandle>) {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  describe('migrations', () => {
    it('go up, all the way down, and up again', async () => {
      expect(await migrateToLatest(asUnknown(handle.db))).toHaveLength(3);
      expect((await schemaStatus(asUnknown(handle.db))).upToDate).toBe(true);
      for (let i = 0; i < 3; i++) await migrateDownOne(asUnknown(handle.db));
      expect(await schemaStatus(asUnknown(handle.db))).toMatchObject({ applied: [], upToDate: false });
      await expect(sql`SELECT COUNT(*) FROM products`.execute(handle.db)).rejects.toThrow();
      expect(await migrateToLatest(asUnknown(handle.db))).toEqual([
        'applied 0001_products',
        'applied 0002_search_indexes',
        'applied 0003_catalog_support',
      ]);
      expect(await migrateToLatest(asUnknown(handle.db))).toEqual([]);
      expect(await seedCatalog(handle.db)).toBe(seedProducts.length);
      expect(await seedCatalog(handle.db)).toBe(0);
    });
  });

  describe('products', () => {
    it('creates and reads a product with every field exact', async () => {
      const id = await insertProduct(handle.db, {
        name: 'Contract Kettle',
        description: 'Whistles.',
        price: '1234567.89',
        category: 'Contract',
        stock_quantity: 7,
        image_url: '/images/kettle.svg',
        sku: 'CT-KETTLE',
      });
      const product = await getProduct(handle.db, id);
      expect(product).toMatchObject({
        id,
        name: 'Contract Kettle',
        description: 'Whistles.',
        price: '1234567.89',
        category: 'Contract',
        stock_quantity: 7,
        image_url: '/images/kettle.svg',
        is_active: true,
        version: 1,
        sku: 'CT-KETTLE',
      });
      expect(product?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      expect(Math.abs(Date.parse(product!.created_at) - Date.now())).toBeLessThan(60_000);
    });

    it('keeps money exact at the edges of DECIMAL(10,2)', async () => {
      for (const price of ['0.00', '0.01', '0.10', '0.29', '19.99', '99999999.99', '5.5', '7']) {
        const id = await insertProduct(handle.db, { name: `Money ${price}`, price, category: 'Money' });
        const stored = (await getProduct(handle.db, id))!.price;
        expect(stored).toBe(price.includes('.') ? price.padEnd(price.indexOf('.') + 3, '0') : `${price}.00`);
      }
      // Price filters compare exactly: 0.29 is not 0.28999999….
      const between = await listProducts(handle.db, {
        filter: { category: 'Money', minPrice: '0.29', maxPrice: '0.29' },
        sort: 'price',
        limit: 10,
      });
      expect(between.items.map((item) => item.price)).toEqual(['0.29']);
      const cheap = await countProducts(handle.db, { category: 'Money', maxPrice: '0.10' });
      expect(cheap).toBe(3);
    });

    it('moves updated_at and the version on update, and honours ifVersion', async () => {
      const id = await insertProduct(handle.db, { name: 'Timestamped', price: '3.00', category: 'Time' });
      await sql`UPDATE products SET created_at = '2020-01-01 00:00:00', updated_at = '2020-01-01 00:00:00'
                WHERE product_id = ${id}`.execute(handle.db);
      expect((await getProduct(handle.db, id))!.updated_at).toBe('2020-01-01T00:00:00.000Z');

      expect(await updateProduct(handle.db, id, { stock_quantity: 3 })).toBe(true);
      const updated = (await getProduct(handle.db, id))!;
      expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse('2024-01-01'));
      expect(updated.created_at).toBe('2020-01-01T00:00:00.000Z');
      expect(updated.version).toBe(2);

      expect(await updateProduct(handle.db, id, { price: '4.00' }, { ifVersion: 1 })).toBe(false);
      expect((await getProduct(handle.db, id))!.price).toBe('3.00');
      expect(await updateProduct(handle.db, id, { price: '4.00', is_active: false }, { ifVersion: 2 })).toBe(
        true,
      );
      expect(await getProduct(handle.db, id)).toMatchObject({ price: '4.00', is_active: false, version: 3 });
      expect(await getProduct(handle.db, id, { activeOnly: true })).toBeUndefined();
    });

    it('filters by category, price range, stock and activity', async () => {
      const active: ProductFilter = { isActive: true };
      const all = (await listProducts(handle.db, { filter: {}, sort: 'name', limit: 10_000 })).items;
      const cases: [ProductFilter, (p: (typeof all)[number]) => boolean][] = [
        [{ ...active, category: 'Kitchen' }, (p) => p.is_active && p.category === 'Kitchen'],
        [{ ...active, inStock: true }, (p) => p.is_active && p.stock_quantity > 0],
        [
          { ...active, minPrice: '20.00', maxPrice: '50' },
          (p) => p.is_active && +p.price >= 20 && +p.price <= 50,
        ],
        [{ isActive: false }, (p) => !p.is_active],
        [
          { ...active, category: 'Garden', inStock: true, maxPrice: '30' },
          (p) => p.is_active && p.category === 'Garden' && p.stock_quantity > 0 && +p.price <= 30,
        ],
      ];
      for (const [filter, predicate] of cases) {
        const expected = all
          .filter(predicate)
          .map((p) => p.id)
          .sort((a, b) => a - b);
        expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
        const listed = await referenceOrder(handle, filter, 'name');
        expect([...listed].sort((a, b) => a - b)).toEqual(expected);
        expect(await countProducts(handle.db, filter)).toBe(expected.length);
      }
    });

    it('lists categories of active products with counts', async () => {
      const categories = await listCategories(handle.db);
      const kitchen = categories.find((c) => c.name === 'Kitchen');
      expect(kitchen?.product_count).toBe(
        seedProducts.filter((p) => p.category === 'Kitchen' && p.is_active).length,
      );
      expect(categories.map((c) => c.name)).toContain('Bath & Body');
    });

    it('searches with the fixed query list, and punctuation is inert', async () => {
      const skuById = new Map(seedProducts.map((p) => [p.sku, p.sku]));
      for (const q of FIXED_SEARCHES) {
        const page = await listProducts(handle.db, {
          filter: { isActive: true, q },
          sort: 'name',
          limit: 100,
        });
        const found = page.items
          .map((item) => item.sku)
          .filter((sku): sku is string => skuById.has(sku ?? ''));
        expect([...found].sort(), `q=${JSON.stringify(q)}`).toEqual(expectedSearchSkus(seedProducts, q));
        expect(await countProducts(handle.db, { isActive: true, q })).toBe(page.items.length);
      }
      expect(expectedSearchSkus(seedProducts, 'ceramic').length).toBeGreaterThan(2);
      expect(expectedSearchSkus(seedProducts, 'the')).toEqual([]);
    });

    it('pages forward and back through every sort order, ties included, exactly once each', async () => {
      // Ties on every sort key: equal names, equal prices, equal creation times.
      for (let i = 0; i < 5; i++) {
        await insertProduct(handle.db, { name: 'Twin Mug', price: '9.99', category: 'Paging' });
        await insertProduct(handle.db, { name: 'twin mug', price: '9.99', category: 'Paging' });
      }
      for (const filter of [{ isActive: true }, { category: 'Paging' }] satisfies ProductFilter[]) {
        for (const sort of PRODUCT_SORTS) {
          const reference = await referenceOrder(handle, filter, sort);
          expect(new Set(reference).size).toBe(reference.length);
          for (const limit of [1, 7, 100]) {
            const { forward, backward } = await walk(handle, filter, sort, limit);
            expect(forward, `${sort} limit ${limit} forward`).toEqual(reference);
            expect(backward, `${sort} limit ${limit} backward`).toEqual(reference);
          }
        }
      }
    });

    it('orders prices numerically and names by the database collation', async () => {
      const byPrice = (
        await listProducts(handle.db, { filter: { isActive: true }, sort: 'price', limit: 100 })
      ).items;
      const cents = byPrice.map((p) => Math.round(Number(p.price) * 100));
      expect(cents).toEqual([...cents].sort((a, b) => a - b));
      const descending = (
        await listProducts(handle.db, { filter: { isActive: true }, sort: '-price', limit: 100 })
      ).items.map((p) => Math.round(Number(p.price) * 100));
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      // Name order comes from the database itself, compared against a plain ORDER BY.
      const { rows } = await sql<{ product_id: number }>`
        SELECT product_id FROM products WHERE is_active = 1 ORDER BY name, product_id`.execute(handle.db);
      expect(await referenceOrder(handle, { isActive: true }, 'name')).toEqual(rows.map((r) => r.product_id));
    });
  });

  describe('catalog version, audit and idempotency keys', () => {
    it('bumps the catalog version', async () => {
      const before = await readCatalogVersion(handle.db);
      await handle.db.transaction().execute((trx) => bumpCatalogVersion(trx));
      expect(await readCatalogVersion(handle.db)).toBe(before + 1);
    });

    it('keeps history after a permanent delete', async () => {
      const id = await insertProduct(handle.db, { name: 'Short-lived', price: '1.00' });
      await appendAudit(handle.db, {
        productId: id,
        action: 'create',
        actor: 'owner',
        after: { price: '1.00' },
      });
      expect(await deleteProduct(handle.db, id)).toBe(true);
      await appendAudit(handle.db, {
        productId: id,
        action: 'delete',
        actor: 'owner',
        before: { price: '1.00' },
      });
      const history = await listAudit(handle.db, id);
      expect(history.map((h) => h.action)).toEqual(['create', 'delete']);
      expect(history[0]).toMatchObject({ after: { price: '1.00' }, before: null, actor: 'owner' });
      expect(await getProduct(handle.db, id)).toBeUndefined();
    });

    it('purges idempotency keys older than 24 hours only', async () => {
      await handle.db
        .insertInto('idempotency_keys')
        .values([
          { scope: 't', idem_key: 'old', request_hash: 'x'.repeat(64), state: 'done' },
          { scope: 't', idem_key: 'new', request_hash: 'x'.repeat(64), state: 'done' },
        ])
        .execute();
      await sql`UPDATE idempotency_keys SET created_at = '2020-01-01 00:00:00' WHERE idem_key = 'old'`.execute(
        handle.db,
      );
      expect(await purgeIdempotencyKeys(handle.db)).toBe(1);
      const left = await handle.db.selectFrom('idempotency_keys').select('idem_key').execute();
      expect(left.map((r) => r.idem_key)).toEqual(['new']);
    });
  });
}
