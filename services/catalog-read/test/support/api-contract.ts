import {
  bumpCatalogVersion,
  type DatabaseHandle,
  insertProduct,
  listProducts,
  migrateToLatest,
  PRODUCT_SORTS,
  type ProductFilter,
  type ProductSort,
  seedCatalog,
} from '@mystore/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogRead } from '../../src/app.js';
import { loadCatalogReadConfig } from '../../src/config.js';

type App = Awaited<ReturnType<typeof buildCatalogRead>>['app'];

export interface ContractSetup {
  /** A handle that may write (migrations, test rows) to the database the app reads from. */
  readonly writer: DatabaseHandle;
  /** Environment for catalog-read (DATABASE_URL and anything dialect-specific). */
  readonly env: Record<string, string>;
  /** Resolves once the app's database has everything the writer wrote. */
  readonly settle: () => Promise<void>;
}

/** Query strings for filters, paired with the data layer's filter they must equal. */
const FILTERS: readonly [string, ProductFilter][] = [
  ['', {}],
  ['category=Kitchen', { category: 'Kitchen' }],
  ['category=Ties', { category: 'Ties' }],
  ['q=ceramic', { q: 'ceramic' }],
  ['q=wood', { q: 'wood' }],
  ['min_price=10&max_price=30', { minPrice: '10', maxPrice: '30' }],
  ['in_stock=true', { inStock: true }],
  ['category=Garden&in_stock=true&max_price=40.5', { category: 'Garden', inStock: true, maxPrice: '40.5' }],
  ['q=organic&min_price=5', { q: 'organic', minPrice: '5' }],
];

async function getJson(app: App, url: string) {
  const response = await app.inject(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
}

/** Follows next_cursor to the end, then prev_cursor back to the start; returns ids in both passes. */
async function walk(app: App, query: string, limit: number) {
  const base = `/api/v1/products?${query}${query ? '&' : ''}limit=${limit}`;
  const forward: number[] = [];
  let page = await getJson(app, base);
  const pages = [page];
  forward.push(...page.items.map((item: { id: number }) => item.id));
  while (page.next_cursor) {
    page = await getJson(app, `${base}&cursor=${page.next_cursor}`);
    pages.push(page);
    forward.push(...page.items.map((item: { id: number }) => item.id));
  }
  const backward: number[] = [...page.items.map((item: { id: number }) => item.id)];
  while (page.prev_cursor) {
    page = await getJson(app, `${base}&cursor=${page.prev_cursor}`);
    pages.push(page);
    backward.unshift(...page.items.map((item: { id: number }) => item.id));
  }
  expect(pages[0].prev_cursor).toBeNull();
  // Every page, reached however, reports the same total.
  const totals = new Set(pages.map((each) => each.total as number));
  expect(totals.size, `${query}: totals ${[...totals]}`).toBe(1);
  return { forward, backward, total: pages[0].total as number };
}

/** The public API contract, the same on every database. */
export function catalogApiContract(setup: () => Promise<ContractSetup>) {
  let context: ContractSetup;
  let app: App;
  const reference = (filter: ProductFilter, sort: ProductSort) =>
    listProducts(context.writer.db, { filter: { ...filter, isActive: true }, sort, limit: 10_000 }).then(
      (page) => page.items.map((item) => item.id),
    );

  beforeAll(async () => {
    context = await setup();
    await migrateToLatest(context.writer.db as Kysely<unknown>);
    await seedCatalog(context.writer.db);
    await context.writer.db.transaction().execute(async (trx) => {
      // Ties on every sort key: equal names (in any case), equal prices, equal creation seconds.
      for (let i = 0; i < 4; i++) {
        await insertProduct(trx, { name: 'Tie Mug', price: '5.00', category: 'Ties', stock_quantity: i });
        await insertProduct(trx, { name: 'tie mug', price: '5.00', category: 'Ties', stock_quantity: 1 });
      }
      await insertProduct(trx, { name: 'Hidden Tie Mug', price: '5.00', category: 'Ties', is_active: false });
      await bumpCatalogVersion(trx);
    });
    await context.settle();
    const config = loadCatalogReadConfig({
      PUBLIC_ASSET_BASE_URL: 'https://www.shop.test',
      CORS_ORIGINS: 'https://www.shop.test',
      CATALOG_VERSION_REFRESH_MS: '50',
      ...context.env,
    });
    ({ app } = await buildCatalogRead(config, { logger: false }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await context?.writer.close();
  });

  describe('GET /api/v1/products', () => {
    it('pages forward and back through every filter and sort, each active product exactly once', async () => {
      for (const [query, filter] of FILTERS) {
        for (const sort of PRODUCT_SORTS) {
          const expected = await reference(filter, sort);
          expect(expected.length, `${query} matches something`).toBeGreaterThan(0);
          const sorted = `${query}${query ? '&' : ''}sort=${sort}`;
          // Small pages and, for filters, one page holding every match (its total needs no count).
          for (const limit of query === '' ? [7, 100] : [3, 100]) {
            const { forward, backward, total } = await walk(app, sorted, limit);
            expect(forward, `${sorted} limit=${limit} forward`).toEqual(expected);
            expect(backward, `${sorted} limit=${limit} backward`).toEqual(expected);
            expect(total).toBe(expected.length);
          }
        }
      }
    });

    it('defaults to sort=name, limit 20, and serializes products exactly', async () => {
      const page = await getJson(app, '/api/v1/products');
      expect(page.items).toHaveLength(20);
      expect(page.items.map((item: { id: number }) => item.id)).toEqual(
        (await reference({}, 'name')).slice(0, 20),
      );
      expect(page.total_is_estimate).toBe(false);
      for (const item of page.items) {
        expect(Object.keys(item).sort()).toEqual(
          [
            'category',
            'created_at',
            'currency',
            'description',
            'id',
            'image_url',
            'in_stock',
            'name',
            'price',
            'stock_quantity',
            'updated_at',
          ].sort(),
        );
        expect(item.price).toMatch(/^\d+\.\d\d$/);
        expect(item.currency).toBe('USD');
        expect(item.in_stock).toBe(item.stock_quantity > 0);
        expect(item.created_at).toMatch(/Z$/);
      }
      const withImage = page.items.find((item: { image_url: string | null }) => item.image_url);
      expect(withImage.image_url).toMatch(
        /^https:\/\/www\.shop\.test\/images\/products\/[a-z]{3}-\d{4}\.svg$/,
      );
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1e1', 'limit'],
      ['limit=0x10', 'limit'],
      ['sort=cheapest', 'sort'],
      ['min_price=-1', 'min_price'],
      ['min_price=1e3', 'min_price'],
      ['max_price=1.999', 'max_price'],
      ['max_price=NaN', 'max_price'],
      ['max_price=100000000', 'max_price'],
      ['in_stock=maybe', 'in_stock'],
      ['q=', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
      [`category=${'c'.repeat(101)}`, 'category'],
      ['cursor=not*a*cursor', 'cursor'],
      [`cursor=${Buffer.from('{"d":"after"}').toString('base64url')}`, 'cursor'],
      ['colour=red', 'colour'],
      ['min_price=20&max_price=10', 'min_price'],
    ])('rejects %s with 400 problem+json naming %s', async (query, name) => {
      const response = await app.inject(`/api/v1/products?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem.status).toBe(400);
      expect(problem.errors.map((error: { name: string }) => error.name)).toContain(name);
    });

    it('rejects a cursor from another sort order', async () => {
      const page = await getJson(app, '/api/v1/products?sort=price&limit=2');
      const response = await app.inject(`/api/v1/products?sort=name&limit=2&cursor=${page.next_cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toMatch(/cursor/);
    });

    it('keeps SQL metacharacters and search punctuation inert', async () => {
      const hostile = ["' OR 1=1 --", '"; DROP TABLE products; --', '%', '_', '\\', '*', '+-@~<>()"'];
      for (const value of hostile) {
        const encoded = encodeURIComponent(value);
        const byCategory = await getJson(app, `/api/v1/products?category=${encoded}`);
        expect(byCategory.items).toEqual([]);
        const bySearch = await getJson(app, `/api/v1/products?q=${encoded}`);
        expect(bySearch.total).toBe(0);
      }
      const forged = Buffer.from(JSON.stringify({ d: 'after', s: 'name', v: "' OR 1=1 --", i: 0 })).toString(
        'base64url',
      );
      const page = await getJson(app, `/api/v1/products?cursor=${forged}`);
      expect(page.items.map((item: { id: number }) => item.id)).toEqual(
        (await reference({}, 'name')).slice(0, 20),
      );
      expect((await getJson(app, '/api/v1/products')).total).toBe((await reference({}, 'name')).length);
    });

    it('never shows inactive products', async () => {
      const ties = await getJson(app, '/api/v1/products?category=Ties&limit=100');
      expect(ties.items.map((item: { name: string }) => item.name)).not.toContain('Hidden Tie Mug');
      expect(ties.total).toBe(8);
    });
  });

  describe('GET /api/v1/products/{id} and /api/v1/categories', () => {
    it('answers an active product and 404s unknown or inactive ids', async () => {
      const [first] = await reference({}, 'name');
      const product = await getJson(app, `/api/v1/products/${first}`);
      expect(product.id).toBe(first);
      const [inactive] = (
        await listProducts(context.writer.db, { filter: { isActive: false }, sort: 'name', limit: 1 })
      ).items;
      for (const id of [inactive!.id, 999_999]) {
        const response = await app.inject(`/api/v1/products/${id}`);
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      for (const bad of ['0', '-1', 'abc', '1.5', '99999999999', '1e3', '0x10', '+5', '%205', '5%20']) {
        expect((await app.inject(`/api/v1/products/${bad}`)).statusCode).toBe(400);
      }
    });

    it('lists categories with counts of active products', async () => {
      const categories = await getJson(app, '/api/v1/categories');
      const ties = categories.find((category: { name: string }) => category.name === 'Ties');
      expect(ties.product_count).toBe(8);
      expect(categories.length).toBe(9);
    });
  });

  describe('HTTP caching, CORS and OpenAPI', () => {
    it('serves ETag and Cache-Control, answers If-None-Match with 304, and hits the cache', async () => {
      const url = '/api/v1/products?category=Kitchen&limit=5';
      const first = await app.inject(url);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"v\d+-[0-9a-f]{8}"$/);
      expect(first.headers['cache-control']).toBe(
        'public, max-age=5, stale-while-revalidate=30, stale-if-error=600',
      );
      const second = await app.inject(url);
      expect(second.headers['x-cache']).toBe('hit');
      expect(second.body).toBe(first.body);
      const revalidated = await app.inject({ url, headers: { 'if-none-match': `W/${etag}, "other"` } });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.body).toBe('');
      const stale = await app.inject({ url, headers: { 'if-none-match': '"v0-00000000"' } });
      expect(stale.statusCode).toBe(200);
    });

    it('answers a repeated request before validation exactly as the first time, never an invalid one', async () => {
      const url = '/api/v1/products?sort=price&category=Garden&limit=3';
      const first = await app.inject(url);
      const again = await app.inject(url);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      const { 'x-request-id': _a, date: _b, 'x-cache': firstCache, ...firstHeaders } = first.headers;
      const { 'x-request-id': _c, date: _d, 'x-cache': againCache, ...againHeaders } = again.headers;
      expect(againHeaders).toEqual(firstHeaders);
      expect(againCache).toBe('hit');
      const etag = first.headers.etag as string;
      expect((await app.inject({ url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
      // Rejected URLs are never remembered, and a matching ETag does not turn a 400 into a 304.
      for (const bad of ['limit=0', 'min_price=20&max_price=10', `cursor=${'x'.repeat(12)}`]) {
        for (let attempt = 0; attempt < 2; attempt++) {
          const response = await app.inject({
            url: `/api/v1/products?${bad}`,
            headers: { 'if-none-match': etag },
          });
          expect(response.statusCode, bad).toBe(400);
        }
      }
      const product = (await getJson(app, url)).items[0];
      for (const path of [`/api/v1/products/${product.id}`, '/api/v1/categories']) {
        const [one, two] = [await app.inject(path), await app.inject(path)];
        expect([one.statusCode, two.statusCode, two.headers['x-cache']]).toEqual([200, 200, 'hit']);
        expect(two.body).toBe(one.body);
      }
      expect((await app.inject('/api/v1/categories?x=1')).statusCode).toBe(400);
      expect((await app.inject('/api/v1/categories?x=1')).statusCode).toBe(400);
    });

    it('allows only configured browser origins', async () => {
      const allowed = await app.inject({
        url: '/api/v1/categories',
        headers: { origin: 'https://www.shop.test' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://www.shop.test');
      const other = await app.inject({ url: '/api/v1/categories', headers: { origin: 'https://evil.test' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('publishes an OpenAPI document generated from the route schemas', async () => {
      const document = await getJson(app, '/api/v1/openapi.json');
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths).sort()).toEqual([
        '/api/v1',
        '/api/v1/categories',
        '/api/v1/products',
        '/api/v1/products/{id}',
      ]);
      const parameters = document.paths['/api/v1/products'].get.parameters.map(
        (p: { name: string }) => p.name,
      );
      expect(parameters.sort()).toEqual(
        ['category', 'cursor', 'in_stock', 'limit', 'max_price', 'min_price', 'q', 'sort'].sort(),
      );
    });
  });
}
