import {
  type Database,
  listProducts,
  PRODUCT_SORTS,
  type ProductFilter,
  type ProductSort,
  readCatalogVersion,
  readHeartbeat,
} from '@mystore/db';
import type { LightMyRequestResponse as Response } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminApp,
  type AdminWrite,
  type Call,
  call,
  closeAll,
  countProductsNamed,
  eventually,
  jsonObjectText,
  OWNER_TOKEN,
  readMetric,
  SCRIPT_TOKEN,
  snapshotDatabase,
  startAdminWrite,
  uniqueName,
  uniqueSku,
} from './harness.js';

/** Where the contract runs: admin-write's environment for one database, migrated and seeded. */
export interface ApiTarget {
  readonly dialect: 'sqlite' | 'mysql';
  /** DATABASE_URL (and DATA_DIR for SQLite). */
  readonly env: Record<string, string>;
}

/** Admin product JSON (DESIGN §4). */
export interface AdminProduct {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly price: string;
  readonly currency: string;
  readonly category: string | null;
  readonly stock_quantity: number;
  readonly in_stock: boolean;
  readonly image_url: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly is_active: boolean;
  readonly sku: string | null;
  readonly version: number;
}

interface HistoryEntry {
  readonly id: number;
  readonly action: string;
  readonly actor: string;
  readonly request_id: string | null;
  readonly before: Partial<AdminProduct> | null;
  readonly after: Partial<AdminProduct> | null;
  readonly at: string;
}

interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: { name: string; detail: string }[];
}

const PRODUCTS = '/api/admin/products';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const PROBLEM = /^application\/problem\+json/;
const MAX_STOCK = 2_147_483_647;

/** A rejected request: problem+json with the status in the body too. */
function expectProblem(response: Response, status: number): ProblemBody {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(PROBLEM);
  const body = response.json() as ProblemBody;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  return body;
}

/** The distinct field names a problem's `errors` name. */
function errorNames(body: ProblemBody): string[] {
  return [...new Set((body.errors ?? []).map((entry) => entry.name))].sort();
}

/**
 * Invalid values (as raw JSON text) and the field each makes invalid. Used for POST, PUT (over a valid
 * body) and PATCH (alone).
 */
const long = (length: number, char = 'x') => JSON.stringify(char.repeat(length));
const INVALID_FIELDS: readonly (readonly [string, Record<string, string>])[] = [
  ['price with three decimals (number)', { price: '19.999' }],
  ['price with three decimals (string)', { price: '"19.999"' }],
  ['price with an exponent (number)', { price: '1e3' }],
  ['price with an exponent (string)', { price: '"1e3"' }],
  ['price with an upper-case exponent', { price: '1E2' }],
  ['price with a zero exponent', { price: '1.5e0' }],
  ['price above the maximum (number)', { price: '100000000' }],
  ['price above the maximum (string)', { price: '"100000000.00"' }],
  ['price just above the maximum', { price: '99999999.991' }],
  ['negative price (number)', { price: '-1' }],
  ['negative price (string)', { price: '"-1.00"' }],
  ['negative cent', { price: '-0.01' }],
  ['NaN as a string', { price: '"NaN"' }],
  ['Infinity as a string', { price: '"Infinity"' }],
  ['-Infinity as a string', { price: '"-Infinity"' }],
  ['empty price', { price: '""' }],
  ['null price', { price: 'null' }],
  ['boolean price', { price: 'true' }],
  ['price as an object', { price: '{"amount":"1.00"}' }],
  ['price with a comma', { price: '"1,00"' }],
  ['price with spaces', { price: '" 1.00"' }],
  ['price with a leading zero', { price: '"01.00"' }],
  ['price with a trailing dot', { price: '"1."' }],
  ['price without an integer part', { price: '".5"' }],
  ['huge integer price', { price: '12345678901234567890' }],
  ['stock as a string', { stock_quantity: '"5"' }],
  ['fractional stock', { stock_quantity: '5.5' }],
  ['negative stock', { stock_quantity: '-1' }],
  ['stock above INT', { stock_quantity: '2147483648' }],
  ['stock with an exponent', { stock_quantity: '1e2' }],
  ['stock beyond 2^53', { stock_quantity: '99999999999999999999' }],
  ['null stock', { stock_quantity: 'null' }],
  ['is_active as 1', { is_active: '1' }],
  ['is_active as 0', { is_active: '0' }],
  ['is_active as a string', { is_active: '"true"' }],
  ['null is_active', { is_active: 'null' }],
  ['name as a number', { name: '5' }],
  ['empty name', { name: '""' }],
  ['blank name', { name: '"   "' }],
  ['name with NUL', { name: '"a\\u0000b"' }],
  ['name with a tab', { name: '"a\\tb"' }],
  ['name too long', { name: long(256) }],
  ['null name', { name: 'null' }],
  ['name as an array', { name: '["x"]' }],
  ['description too long', { description: long(10_001) }],
  ['description as a number', { description: '5' }],
  ['empty category', { category: '""' }],
  ['category too long', { category: long(101) }],
  ['category as a number', { category: '5' }],
  ['ftp image URL', { image_url: '"ftp://img.test/a.png"' }],
  ['relative image path', { image_url: '"images/a.png"' }],
  ['protocol-relative image URL', { image_url: '"//img.test/a.png"' }],
  ['javascript: image URL', { image_url: '"javascript:alert(1)"' }],
  ['image path with a space', { image_url: '"/images/a b.png"' }],
  ['image URL too long', { image_url: JSON.stringify(`/${'a'.repeat(500)}`) }],
  ['empty sku', { sku: '""' }],
  ['sku too long', { sku: long(65, 'S') }],
  ['sku with a space', { sku: '"AB 12"' }],
  ['sku with a non-ASCII letter', { sku: '"ÄB-12"' }],
  ['sku as a number', { sku: '12' }],
  ['unknown field id', { id: '1' }],
  ['unknown field version', { version: '3' }],
  ['unknown field currency', { currency: '"USD"' }],
  ['unknown field in_stock', { in_stock: 'true' }],
  ['unknown field created_at', { created_at: '"2024-01-01T00:00:00Z"' }],
  ['unknown field foo', { foo: '{"bar":1}' }],
];

/** Several invalid fields at once: each is named. */
const SEVERAL_INVALID: Record<string, string> = {
  name: '5',
  price: '1e3',
  stock_quantity: '"5"',
  is_active: '1',
  sku: '"has space"',
  foo: '1',
};

/** Fields whose invalid values today produce several entries for the same name (see the report). */
const ONE_ENTRY_CASES: readonly Record<string, string>[] = [
  { name: '""' },
  { description: '5' },
  { category: '5' },
  { image_url: '"ftp://img.test/a.png"' },
  { sku: '5' },
  { name: '""', category: '5', image_url: '5', sku: '"has space"', description: 'false' },
];

/** The admin API contract, the same on every database. */
export function adminApiContract(setup: () => Promise<ApiTarget>) {
  let target: ApiTarget;
  let admin: AdminWrite;
  let app: AdminApp;
  let db: Kysely<Database>;
  const others: AdminApp[] = [];
  let addressSequence = 0;
  /** A client address of its own for each use, so rate limiting of failed auth never spills over. */
  const freshAddress = () => {
    addressSequence += 1;
    return `127.${20 + Math.floor(addressSequence / 250)}.${addressSequence % 250}.${1 + (addressSequence % 200)}`;
  };

  beforeAll(async () => {
    target = await setup();
    admin = await startAdminWrite(target.env);
    app = admin.app;
    db = admin.handle.db;
    await app.ready();
  });
  afterAll(async () => {
    await closeAll(others);
    await app?.close();
  });

  /** Another admin-write on the same database (closed after the suite). */
  const startAnother = async (...args: Parameters<typeof startAdminWrite>) => {
    const built = await startAdminWrite(...args);
    others.push(built.app);
    return built;
  };

  const create = async (fields: Record<string, unknown> = {}, options: Call = {}) => {
    const response = await call(app, 'POST', PRODUCTS, {
      ...options,
      json: { name: uniqueName('Contract product'), price: '9.99', ...fields },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as AdminProduct;
  };
  const getOne = async (id: number) => {
    const response = await call(app, 'GET', `${PRODUCTS}/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AdminProduct;
  };
  const history = async (id: number) => {
    const response = await call(app, 'GET', `${PRODUCTS}/${id}/history`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as HistoryEntry[];
  };
  /** Runs `request`, which must be refused with `status`, and checks the database did not change. */
  const refusedWithoutChange = async (status: number, request: () => Promise<Response>) => {
    const before = await snapshotDatabase(db);
    const response = await request();
    const problem = expectProblem(response, status);
    expect(await snapshotDatabase(db)).toEqual(before);
    return { response, problem };
  };

  describe('create, read, replace, update, deactivate, delete', () => {
    it('POST creates: 201 with Location, ETag and the admin JSON, audited under the token name', async () => {
      const versionBefore = await readCatalogVersion(db);
      const sku = uniqueSku('NEW');
      const name = uniqueName('Crème brûlée torch ☕');
      const response = await call(app, 'POST', PRODUCTS, {
        json: {
          name,
          description: 'A torch.',
          price: '19.9',
          category: 'Kitchen',
          stock_quantity: 7,
          image_url: '/images/products/torch.svg',
          sku,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = response.json() as AdminProduct;
      expect(response.headers.location).toBe(`${PRODUCTS}/${body.id}`);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(body).toEqual({
        id: expect.any(Number),
        name,
        description: 'A torch.',
        price: '19.90',
        currency: 'USD',
        category: 'Kitchen',
        stock_quantity: 7,
        in_stock: true,
        image_url: '/images/products/torch.svg',
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
        is_active: true,
        sku,
        version: 1,
      });
      expect(await readCatalogVersion(db)).toBe(versionBefore + 1);

      const read = await call(app, 'GET', response.headers.location as string);
      expect(read.statusCode).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.json()).toEqual(body);

      const entries = await history(body.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', actor: 'owner', before: null });
      expect(entries[0]!.after).toMatchObject({ id: body.id, name, price: '19.90', sku });
    });

    it('POST fills omitted optional fields with their defaults and takes a price as a JSON number', async () => {
      const name = uniqueName('Minimal');
      const response = await call(app, 'POST', PRODUCTS, {
        text: jsonObjectText({ name: JSON.stringify(name), price: '12.5' }),
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({
        name,
        price: '12.50',
        description: null,
        category: null,
        stock_quantity: 0,
        in_stock: false,
        image_url: null,
        is_active: true,
        sku: null,
        version: 1,
      });
    });

    it('accepts every boundary value and stores it exactly', async () => {
      const astralName = '𝄞'.repeat(255);
      const cases: readonly [Record<string, string>, Partial<AdminProduct>][] = [
        [{ price: '"99999999.99"' }, { price: '99999999.99' }],
        [{ price: '99999999.99' }, { price: '99999999.99' }],
        [{ price: '0' }, { price: '0.00' }],
        [{ price: '"0"' }, { price: '0.00' }],
        [{ price: '"5"' }, { price: '5.00' }],
        [{ price: '1.10' }, { price: '1.10' }],
        [{ price: '0.29' }, { price: '0.29' }],
        [{ price: '"0.07"' }, { price: '0.07' }],
        [{ stock_quantity: String(MAX_STOCK) }, { stock_quantity: MAX_STOCK, in_stock: true }],
        [{ name: JSON.stringify(astralName) }, { name: astralName }],
        [{ name: JSON.stringify('  padded  ') }, { name: '  padded  ' }],
        [{ description: long(10_000, 'é') }, { description: 'é'.repeat(10_000) }],
        [{ description: '""' }, { description: '' }],
        [{ category: long(100, 'C') }, { category: 'C'.repeat(100) }],
        [
          { image_url: JSON.stringify(`https://img.test/${'p'.repeat(483)}`) },
          { image_url: `https://img.test/${'p'.repeat(483)}` },
        ],
        [{ image_url: '"http://img.test"' }, { image_url: 'http://img.test' }],
        [{ sku: JSON.stringify(`Z${uniqueSku('B')}`.padEnd(64, '9').slice(0, 64)) }, {}],
        [{ description: 'null', category: 'null', image_url: 'null', sku: 'null' }, { sku: null }],
        [{ is_active: 'false' }, { is_active: false }],
      ];
      for (const [fragments, expected] of cases) {
        const name = uniqueName('Boundary');
        const text = jsonObjectText({ name: JSON.stringify(name), price: '"1.00"', ...fragments });
        const response = await call(app, 'POST', PRODUCTS, { text });
        expect(response.statusCode, `${text.slice(0, 120)}: ${response.body.slice(0, 300)}`).toBe(201);
        const created = response.json() as AdminProduct;
        expect(created).toMatchObject(expected);
        expect(await getOne(created.id)).toEqual(created);
        // Keep the shared catalog ordinary for the list tests (long names have a test of their own).
        const removed = await call(app, 'DELETE', `${PRODUCTS}/${created.id}?permanent=true`);
        expect(removed.statusCode).toBe(204);
      }
    });

    it('GET one: the admin JSON with its ETag, inactive products included', async () => {
      const product = await create({ is_active: false, stock_quantity: 0 });
      const response = await call(app, 'GET', `${PRODUCTS}/${product.id}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe(`"${product.version}"`);
      expect(response.json()).toEqual(product);
      expect(product).toMatchObject({ is_active: false, in_stock: false });
    });

    it('PUT replaces the product: omitted optional fields take their defaults', async () => {
      const product = await create({
        description: 'old',
        category: 'Garden',
        stock_quantity: 3,
        image_url: '/images/x.svg',
        sku: uniqueSku('PUT'),
        is_active: false,
      });
      const name = uniqueName('Replaced');
      const response = await call(app, 'PUT', `${PRODUCTS}/${product.id}`, { json: { name, price: 4 } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers.etag).toBe(`"${product.version + 1}"`);
      const replaced = response.json() as AdminProduct;
      expect(replaced).toEqual({
        ...product,
        name,
        price: '4.00',
        description: null,
        category: null,
        stock_quantity: 0,
        in_stock: false,
        image_url: null,
        sku: null,
        is_active: true,
        version: product.version + 1,
        updated_at: expect.stringMatching(ISO),
      });
      expect(await getOne(product.id)).toEqual(replaced);
      const last = (await history(product.id)).at(-1)!;
      expect(last).toMatchObject({ action: 'replace', actor: 'owner' });
      expect(last.before).toMatchObject({ name: product.name, category: 'Garden' });
      expect(last.after).toMatchObject({ name, category: null });
    });

    it('PATCH changes only the named fields and bumps the version', async () => {
      const product = await create({ description: 'keep me', category: 'Kitchen', stock_quantity: 2 });
      const response = await call(app, 'PATCH', `${PRODUCTS}/${product.id}`, {
        json: { price: '3.5', stock_quantity: 0, category: null },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers.etag).toBe(`"${product.version + 1}"`);
      expect(response.json()).toEqual({
        ...product,
        price: '3.50',
        stock_quantity: 0,
        in_stock: false,
        category: null,
        version: product.version + 1,
        updated_at: expect.stringMatching(ISO),
      });
      expect((await history(product.id)).at(-1)).toMatchObject({ action: 'update', actor: 'owner' });
    });

    it('DELETE deactivates (204, still readable by admin); PATCH is_active: true reactivates', async () => {
      const product = await create();
      const versionBefore = await readCatalogVersion(db);
      const deleted = await call(app, 'DELETE', `${PRODUCTS}/${product.id}`);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
      expect(await readCatalogVersion(db)).toBe(versionBefore + 1);
      const inactive = await getOne(product.id);
      expect(inactive).toMatchObject({ is_active: false, version: product.version + 1 });

      const listed = await call(app, 'GET', `${PRODUCTS}?is_active=false&limit=100&sort=newest`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.map((item: AdminProduct) => item.id)).toContain(product.id);

      const reactivated = await call(app, 'PATCH', `${PRODUCTS}/${product.id}`, {
        json: { is_active: true },
      });
      expect(reactivated.statusCode, reactivated.body).toBe(200);
      expect(reactivated.json()).toMatchObject({ is_active: true, version: product.version + 2 });
      expect((await history(product.id)).map((entry) => entry.action)).toEqual([
        'create',
        'deactivate',
        'reactivate',
      ]);
      // PATCH is_active: false is a deactivation too.
      const again = await call(app, 'PATCH', `${PRODUCTS}/${product.id}`, { json: { is_active: false } });
      expect(again.json()).toMatchObject({ is_active: false });
      expect((await history(product.id)).at(-1)?.action).toBe('deactivate');
    });

    it('DELETE ?permanent=true removes the row; its history outlives it', async () => {
      const product = await create();
      const response = await call(app, 'DELETE', `${PRODUCTS}/${product.id}?permanent=true`);
      expect(response.statusCode, response.body).toBe(204);
      expectProblem(await call(app, 'GET', `${PRODUCTS}/${product.id}`), 404);
      const entries = await history(product.id);
      expect(entries.map((entry) => entry.action)).toEqual(['create', 'delete']);
      expect(entries[1]).toMatchObject({ actor: 'owner', after: null });
      expect(entries[1]!.before).toMatchObject({ id: product.id, name: product.name });
      expectProblem(await call(app, 'DELETE', `${PRODUCTS}/${product.id}?permanent=true`), 404);
      expectProblem(
        await call(app, 'PATCH', `${PRODUCTS}/${product.id}`, { json: { is_active: true } }),
        404,
      );
    });

    it('DELETE ?permanent must be a boolean', async () => {
      const product = await create();
      await refusedWithoutChange(400, () => call(app, 'DELETE', `${PRODUCTS}/${product.id}?permanent=maybe`));
      await refusedWithoutChange(400, () => call(app, 'DELETE', `${PRODUCTS}/${product.id}?purge=true`));
    });

    it('404 problem for an unknown id on every per-product route, nothing changed', async () => {
      const id = 2_147_483_000;
      await refusedWithoutChange(404, () => call(app, 'GET', `${PRODUCTS}/${id}`));
      await refusedWithoutChange(404, () => call(app, 'GET', `${PRODUCTS}/${id}/history`));
      await refusedWithoutChange(404, () =>
        call(app, 'PUT', `${PRODUCTS}/${id}`, { json: { name: 'Ghost', price: '1.00' } }),
      );
      await refusedWithoutChange(404, () =>
        call(app, 'PATCH', `${PRODUCTS}/${id}`, { json: { name: 'Ghost' } }),
      );
      await refusedWithoutChange(404, () => call(app, 'DELETE', `${PRODUCTS}/${id}`));
      await refusedWithoutChange(404, () => call(app, 'DELETE', `${PRODUCTS}/${id}?permanent=true`));
      await refusedWithoutChange(404, () =>
        call(app, 'POST', `${PRODUCTS}/${id}/stock`, { json: { delta: 1 } }),
      );
    });

    it('400 problem naming the id for a malformed one', async () => {
      for (const id of ['0', '-1', 'abc', '1.5', '2147483648']) {
        const { problem } = await refusedWithoutChange(400, () =>
          call(app, 'PATCH', `${PRODUCTS}/${id}`, { json: { name: 'x' } }),
        );
        expect(errorNames(problem)).toEqual(['id']);
        expectProblem(await call(app, 'GET', `${PRODUCTS}/${id}`), 400);
      }
    });
  });

  describe('stock', () => {
    it('adds and removes atomically, each change audited', async () => {
      const product = await create({ stock_quantity: 5 });
      const url = `${PRODUCTS}/${product.id}/stock`;
      let response = await call(app, 'POST', url, { json: { delta: -3 } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers.etag).toBe(`"${product.version + 1}"`);
      expect(response.json()).toMatchObject({
        stock_quantity: 2,
        in_stock: true,
        version: product.version + 1,
      });
      response = await call(app, 'POST', url, { json: { delta: 10 } });
      expect(response.json()).toMatchObject({ stock_quantity: 12 });
      response = await call(app, 'POST', url, { json: { delta: -12 } });
      expect(response.json()).toMatchObject({ stock_quantity: 0, in_stock: false });
      const stockEntries = (await history(product.id)).filter((entry) => entry.action === 'stock');
      expect(
        stockEntries.map((entry) => [entry.before?.stock_quantity, entry.after?.stock_quantity]),
      ).toEqual([
        [5, 2],
        [2, 12],
        [12, 0],
      ]);
    });

    it('409 with the current stock when the stock would go below zero (or above INT), nothing changed', async () => {
      const product = await create({ stock_quantity: 12 });
      const url = `${PRODUCTS}/${product.id}/stock`;
      const { problem } = await refusedWithoutChange(409, () =>
        call(app, 'POST', url, { json: { delta: -13 } }),
      );
      expect(problem.detail).toBe('Stock cannot go below 0 (it is 12; the change was -13).');
      expect(problem.errors).toEqual([{ name: 'delta', detail: expect.stringMatching(/\b12\b/) }]);
      await refusedWithoutChange(409, () => call(app, 'POST', url, { json: { delta: -MAX_STOCK } }));
      const above = await refusedWithoutChange(409, () =>
        call(app, 'POST', url, { json: { delta: MAX_STOCK } }),
      );
      expect(above.problem.detail).toBe(
        `Stock cannot go above ${MAX_STOCK} (it is 12; the change was ${MAX_STOCK}).`,
      );
      expect(await getOne(product.id)).toEqual(product);
    });

    it('400 for a delta that is zero, fractional, a string, out of range, missing, or extra fields', async () => {
      const product = await create({ stock_quantity: 3 });
      const url = `${PRODUCTS}/${product.id}/stock`;
      const bodies = [
        '{"delta":0}',
        '{"delta":1.5}',
        '{"delta":"1"}',
        '{"delta":1e1}',
        `{"delta":${MAX_STOCK + 1}}`,
        `{"delta":-${MAX_STOCK + 1}}`,
        '{"delta":99999999999999999999}',
        '{"delta":null}',
        '{}',
        '{"delta":1,"reason":"x"}',
        '[1]',
        '1',
      ];
      for (const text of bodies) {
        const { problem } = await refusedWithoutChange(400, () => call(app, 'POST', url, { text }));
        expect(problem.errors?.length, text).toBeGreaterThan(0);
      }
    });
  });

  describe('history', () => {
    it('lists every change oldest first with action, actor (the token name), request id and before/after', async () => {
      const product = await create({ stock_quantity: 1 }, { headers: { 'x-request-id': 'req-create-1' } });
      const id = product.id;
      const steps: [string, Call & { method: 'PATCH' | 'POST' | 'PUT' | 'DELETE'; url: string }][] = [
        [
          'update',
          {
            method: 'PATCH',
            url: `${PRODUCTS}/${id}`,
            json: { name: `${product.name}!` },
            token: SCRIPT_TOKEN,
          },
        ],
        ['stock', { method: 'POST', url: `${PRODUCTS}/${id}/stock`, json: { delta: 4 } }],
        ['deactivate', { method: 'DELETE', url: `${PRODUCTS}/${id}`, token: SCRIPT_TOKEN }],
        ['reactivate', { method: 'PATCH', url: `${PRODUCTS}/${id}`, json: { is_active: true } }],
        ['replace', { method: 'PUT', url: `${PRODUCTS}/${id}`, json: { name: 'Replaced', price: '2.00' } }],
      ];
      for (const [, step] of steps) {
        const response = await call(app, step.method, step.url, step);
        expect(response.statusCode, response.body).toBeLessThan(300);
      }
      const entries = await history(id);
      expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
        ['create', 'owner'],
        ['update', 'script'],
        ['stock', 'owner'],
        ['deactivate', 'script'],
        ['reactivate', 'owner'],
        ['replace', 'owner'],
      ]);
      expect(entries[0]!.request_id).toBe('req-create-1');
      for (const entry of entries) {
        expect(entry.at).toMatch(ISO);
        expect(entry.request_id).toEqual(expect.any(String));
      }
      const ids = entries.map((entry) => entry.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(entries[2]).toMatchObject({ before: { stock_quantity: 1 }, after: { stock_quantity: 5 } });
      expect(entries[3]).toMatchObject({ before: { is_active: true }, after: { is_active: false } });
      // Each entry's after is the next entry's before.
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.before).toEqual(entries[i - 1]!.after);
    });
  });

  describe('list', () => {
    const reference = (filter: ProductFilter, sort: ProductSort) =>
      listProducts(db, { filter, sort, limit: 100_000 }).then((page) => page.items.map((item) => item.id));

    async function walk(query: string, limit: number) {
      const base = `${PRODUCTS}?${query}${query ? '&' : ''}limit=${limit}`;
      const read = async (url: string) => {
        const response = await call(app, 'GET', url);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
        return response.json() as {
          items: AdminProduct[];
          next_cursor: string | null;
          prev_cursor: string | null;
          total: number;
          total_is_estimate: boolean;
        };
      };
      let page = await read(base);
      expect(page.prev_cursor).toBeNull();
      expect(page.total_is_estimate).toBe(false);
      const total = page.total;
      const forward = page.items.map((item) => item.id);
      while (page.next_cursor) {
        page = await read(`${base}&cursor=${page.next_cursor}`);
        expect(page.items.length).toBeGreaterThan(0);
        forward.push(...page.items.map((item) => item.id));
      }
      const backward = page.items.map((item) => item.id);
      while (page.prev_cursor) {
        page = await read(`${base}&cursor=${page.prev_cursor}`);
        backward.unshift(...page.items.map((item) => item.id));
      }
      return { forward, backward, total };
    }

    const QUERIES: readonly [string, ProductFilter, boolean][] = [
      ['', {}, true],
      ['is_active=false', { isActive: false }, true],
      ['is_active=true', { isActive: true }, true],
      ['category=Kitchen', { category: 'Kitchen' }, true],
      ['q=ceramic', { q: 'ceramic' }, true],
      ['min_price=10&max_price=30&in_stock=true', { minPrice: '10', maxPrice: '30', inStock: true }, true],
      [
        'category=Garden&is_active=true&max_price=40.5',
        { category: 'Garden', isActive: true, maxPrice: '40.5' },
        true,
      ],
      ['category=No%20Such%20Category', { category: 'No Such Category' }, false],
    ];

    it('pages forward and back through filters (is_active included) and every sort, each product once', async () => {
      for (const [query, filter, nonEmpty] of QUERIES) {
        for (const sort of PRODUCT_SORTS) {
          const expected = await reference(filter, sort);
          if (nonEmpty) expect(expected.length, `${query} matches something`).toBeGreaterThan(0);
          const sorted = `${query}${query ? '&' : ''}sort=${sort}`;
          const limit = query === '' ? 50 : 4;
          const { forward, backward, total } = await walk(sorted, limit);
          expect(forward, `${sorted} forward`).toEqual(expected);
          expect(backward, `${sorted} backward`).toEqual(expected);
          expect(total, sorted).toBe(expected.length);
        }
      }
    });

    it('pages past products whose names are 255 non-ASCII characters (the API accepts its own cursors)', async () => {
      const category = uniqueName('Cursor test');
      const names = ['Я'.repeat(255), '𝄞'.repeat(255), `"\\`.repeat(85), 'A plain name'];
      const created: AdminProduct[] = [];
      try {
        for (const name of names) created.push(await create({ name, category }));
        for (const sort of PRODUCT_SORTS) {
          const expected = await reference({ category }, sort);
          expect(expected).toHaveLength(names.length);
          const { forward, backward } = await walk(
            `category=${encodeURIComponent(category)}&sort=${sort}`,
            1,
          );
          expect(forward, sort).toEqual(expected);
          expect(backward, sort).toEqual(expected);
        }
      } finally {
        for (const product of created) await call(app, 'DELETE', `${PRODUCTS}/${product.id}?permanent=true`);
      }
    });

    it('includes inactive products by default and shows the admin fields', async () => {
      const inactive = await create({ is_active: false, sku: uniqueSku('INA'), category: 'Inactive only' });
      const response = await call(app, 'GET', `${PRODUCTS}?category=Inactive%20only`);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.items).toContainEqual(inactive);
      const activeOnly = await call(app, 'GET', `${PRODUCTS}?category=Inactive%20only&is_active=true`);
      expect(activeOnly.json().items.map((item: AdminProduct) => item.id)).not.toContain(inactive.id);
    });

    it('400 problem for invalid query parameters, each named', async () => {
      const nameCursor = (await call(app, 'GET', `${PRODUCTS}?limit=2`)).json().next_cursor as string;
      const cases: readonly [string, string][] = [
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=abc', 'limit'],
        ['sort=cheapest', 'sort'],
        ['is_active=maybe', 'is_active'],
        ['in_stock=2', 'in_stock'],
        ['min_price=1e3', 'min_price'],
        ['max_price=-1', 'max_price'],
        ['min_price=10&max_price=5', 'min_price'],
        ['cursor=not*a*cursor', 'cursor'],
        ['cursor=bm90LWpzb24', 'cursor'],
        [`sort=price&cursor=${nameCursor}`, 'cursor'],
        ['unknown=1', 'unknown'],
        [`q=${'q'.repeat(201)}`, 'q'],
      ];
      for (const [query, name] of cases) {
        const problem = expectProblem(await call(app, 'GET', `${PRODUCTS}?${query}`), 400);
        expect(errorNames(problem), query).toContain(name);
      }
    });
  });

  describe('OpenAPI document', () => {
    it('serves /api/admin/openapi.json (with auth) describing every admin route', async () => {
      const response = await call(app, 'GET', '/api/admin/openapi.json');
      expect(response.statusCode).toBe(200);
      const document = response.json();
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info.title).toEqual(expect.any(String));
      const methods = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
      expect(methods(PRODUCTS)).toEqual(expect.arrayContaining(['get', 'post']));
      expect(methods(`${PRODUCTS}/{id}`)).toEqual(expect.arrayContaining(['delete', 'get', 'patch', 'put']));
      expect(methods(`${PRODUCTS}/{id}/stock`)).toEqual(['post']);
      expect(methods(`${PRODUCTS}/{id}/history`)).toEqual(['get']);
      expect(document.paths['/healthz']).toBeUndefined();
      expectProblem(await call(app, 'GET', '/api/admin/openapi.json', { token: null }), 401);
    });
  });

  describe('query parameters and errors before a route runs', () => {
    it('every route rejects an unknown query parameter, nothing changed', async () => {
      const product = await create();
      const document = (await call(app, 'GET', '/api/admin/openapi.json')).json();
      const bodies: Record<string, unknown> = {
        post: { name: uniqueName('Query'), price: '1.00' },
        put: { name: uniqueName('Query'), price: '1.00' },
        patch: { price: '2.00' },
      };
      const routes: [string, string][] = [['get', '/api/admin/openapi.json']];
      for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
        for (const method of Object.keys(item)) routes.push([method, path]);
      }
      expect(routes.length).toBeGreaterThanOrEqual(11);
      for (const [method, path] of routes) {
        const url = `${path.replace('{id}', String(product.id))}?unknown=1`;
        const body = path.endsWith('/stock') ? { delta: 1 } : path.endsWith('/import') ? [] : bodies[method];
        const { problem } = await refusedWithoutChange(400, () =>
          call(app, method.toUpperCase() as 'GET', url, body === undefined ? {} : { json: body }),
        );
        expect(errorNames(problem), `${method} ${url}`).toEqual(['unknown']);
      }
    });

    it('an OPTIONS request (no CORS here), a bad escape and an over-long id are problems with security headers', async () => {
      const headers = { 'x-request-id': 'edge-1' };
      const answers = [
        [await call(app, 'OPTIONS', PRODUCTS, { token: null, headers }), 404],
        [await call(app, 'GET', `${PRODUCTS}/%zz`, { headers }), 400],
        [await call(app, 'GET', `${PRODUCTS}/${'1'.repeat(101)}`, { headers }), 414],
      ] as const;
      for (const [response, status] of answers) {
        expectProblem(response, status);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
        expect(response.headers['x-request-id']).toBe('edge-1');
      }
    });
  });

  describe('authentication', () => {
    /** Every admin route (from the OpenAPI document, so new routes are covered) plus the document. */
    const adminRoutes = async (id: number) => {
      const document = (await call(app, 'GET', '/api/admin/openapi.json')).json();
      const routes: [string, string][] = [['GET', '/api/admin/openapi.json']];
      for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
        for (const method of Object.keys(item)) {
          if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) {
            routes.push([method.toUpperCase(), path.replace('{id}', String(id))]);
          }
        }
      }
      return routes;
    };

    it('401 problem with WWW-Authenticate on every admin route for a missing or invalid token; nothing changed', async () => {
      const product = await create();
      const routes = await adminRoutes(product.id);
      expect(routes.length).toBeGreaterThanOrEqual(9);
      const before = await snapshotDatabase(db);
      const wrong: readonly (Record<string, string> | null)[] = [
        null,
        { authorization: `Bearer ${OWNER_TOKEN}x` },
        { authorization: `Bearer ${OWNER_TOKEN.slice(0, -1)}` },
        { authorization: `Basic ${Buffer.from(`owner:${OWNER_TOKEN}`).toString('base64')}` },
        { authorization: `Bearer ${OWNER_TOKEN} ${OWNER_TOKEN}` },
        { authorization: 'Bearer' },
        { authorization: OWNER_TOKEN },
      ];
      for (const [method, url] of routes) {
        for (const headers of wrong) {
          const response = await call(app, method as 'GET', url, {
            token: null,
            headers: headers ?? {},
            remoteAddress: freshAddress(),
            ...(method === 'GET' || method === 'DELETE'
              ? {}
              : { json: { name: 'Intruder', price: '1.00', delta: 1 } }),
          });
          const problem = expectProblem(response, 401);
          expect(response.headers['www-authenticate'], `${method} ${url}`).toMatch(/^Bearer\b/);
          expect(problem.detail).not.toContain(OWNER_TOKEN);
        }
      }
      expect(await snapshotDatabase(db)).toEqual(before);
    });

    it('/healthz and /readyz answer without a token', async () => {
      const health = await call(app, 'GET', '/healthz', { token: null });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      const ready = await call(app, 'GET', '/readyz', { token: null });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', schema: 'ok' } });
    });

    it('every token in ADMIN_TOKENS works (rotation), and a removed token stops working', async () => {
      for (const token of [OWNER_TOKEN, SCRIPT_TOKEN]) {
        expect((await call(app, 'GET', `${PRODUCTS}?limit=1`, { token })).statusCode).toBe(200);
      }
      const created = await create({}, { token: SCRIPT_TOKEN });
      expect((await history(created.id))[0]).toMatchObject({ action: 'create', actor: 'script' });
      // After the rotation: only the new token is configured.
      const { app: rotated } = await startAnother({ ...target.env, ADMIN_TOKENS: `script:${SCRIPT_TOKEN}` });
      const refused = await call(rotated, 'GET', `${PRODUCTS}?limit=1`, {
        token: OWNER_TOKEN,
        remoteAddress: freshAddress(),
      });
      expectProblem(refused, 401);
      expect((await call(rotated, 'GET', `${PRODUCTS}?limit=1`, { token: SCRIPT_TOKEN })).statusCode).toBe(
        200,
      );
    });

    it('an unnamed token is audited under a fingerprint, never the token itself', async () => {
      const token = 'unnamed-token-0123456789';
      const { app: other } = await startAnother({ ...target.env, ADMIN_TOKENS: token });
      const response = await call(other, 'POST', PRODUCTS, {
        token,
        json: { name: uniqueName('Unnamed'), price: '1.00' },
      });
      expect(response.statusCode, response.body).toBe(201);
      const [entry] = await history(response.json().id);
      expect(entry!.actor).toMatch(/^token-[0-9a-f]{8}$/);
      expect(JSON.stringify(entry)).not.toContain(token);
    });

    it('counts failed authentications in mystore_admin_auth_failures_total (valid requests are not counted)', async () => {
      const before = await readMetric(admin.registry, 'mystore_admin_auth_failures_total');
      for (const token of [null, 'wrong-token-wrong-token!', SCRIPT_TOKEN.toUpperCase()]) {
        expectProblem(await call(app, 'GET', PRODUCTS, { token, remoteAddress: freshAddress() }), 401);
      }
      expect((await call(app, 'GET', `${PRODUCTS}?limit=1`)).statusCode).toBe(200);
      expect((await call(app, 'GET', `${PRODUCTS}?limit=1`, { token: SCRIPT_TOKEN })).statusCode).toBe(200);
      expect(await readMetric(admin.registry, 'mystore_admin_auth_failures_total')).toBe(before + 3);
    });

    it('429 for a client after AUTH_FAILURES_PER_MINUTE failed authentications; other clients still get 401', async () => {
      const { app: limited } = await startAnother({ ...target.env, AUTH_FAILURES_PER_MINUTE: '3' });
      const attacker = '127.9.9.1';
      for (let i = 0; i < 3; i++) {
        const response = await call(limited, 'GET', PRODUCTS, {
          token: `guess-${i}-aaaaaaaaaaaaaaaa`,
          remoteAddress: attacker,
        });
        expectProblem(response, 401);
      }
      const blocked = await call(limited, 'GET', PRODUCTS, {
        token: 'guess-4-aaaaaaaaaaaaaaaa',
        remoteAddress: attacker,
      });
      expectProblem(blocked, 429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      const bystander = await call(limited, 'GET', PRODUCTS, {
        token: 'guess-5-aaaaaaaaaaaaaaaa',
        remoteAddress: '127.9.9.2',
      });
      expectProblem(bystander, 401);
    });

    it('valid tokens are never rate limited, even from a client whose guesses failed', async () => {
      const { app: limited } = await startAnother({ ...target.env, AUTH_FAILURES_PER_MINUTE: '2' });
      const client = '127.9.8.1';
      for (let i = 0; i < 4; i++) {
        const response = await call(limited, 'GET', PRODUCTS, { token: null, remoteAddress: client });
        expect([401, 429]).toContain(response.statusCode);
      }
      for (let i = 0; i < 12; i++) {
        const response = await call(limited, 'GET', `${PRODUCTS}?limit=1`, {
          token: i % 2 ? OWNER_TOKEN : SCRIPT_TOKEN,
          remoteAddress: client,
        });
        expect(response.statusCode, response.body).toBe(200);
      }
    });

    it('never writes a token to the logs (valid, invalid or near-miss), while logging the failure', async () => {
      const lines: string[] = [];
      const { app: logged } = await startAnother(
        { ...target.env, LOG_LEVEL: 'trace' },
        { logger: { write: (line: string) => void lines.push(line) } },
      );
      const nearMiss = `${OWNER_TOKEN.slice(0, -1)}Z`;
      await call(logged, 'GET', `${PRODUCTS}?limit=1`);
      await call(logged, 'POST', PRODUCTS, {
        token: SCRIPT_TOKEN,
        json: { name: uniqueName('Logged'), price: '1.00' },
      });
      await call(logged, 'POST', PRODUCTS, { json: { name: 5, price: 'x' } });
      await call(logged, 'GET', PRODUCTS, { token: nearMiss, remoteAddress: freshAddress() });
      await call(logged, 'GET', PRODUCTS, {
        token: null,
        headers: { authorization: `Basic ${OWNER_TOKEN}` },
        remoteAddress: freshAddress(),
      });
      await call(logged, 'GET', '/api/admin/nowhere', { token: OWNER_TOKEN });
      await logged.close();
      expect(lines.length).toBeGreaterThan(4);
      const text = lines.join('');
      for (const secret of [OWNER_TOKEN, SCRIPT_TOKEN, nearMiss]) expect(text).not.toContain(secret);
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const failures = entries.filter((entry) => entry.msg === 'admin authentication failed');
      expect(failures.map((entry) => entry.reason)).toEqual(['invalid token', 'invalid token']);
      expect(entries.filter((entry) => entry.msg === 'request').length).toBeGreaterThanOrEqual(5);
    });
  });

  describe('limits and validation', () => {
    let existing: AdminProduct;
    beforeAll(async () => {
      existing = await create({ sku: uniqueSku('VAL'), stock_quantity: 4, description: 'untouched' });
    });

    it('413 problem for a body over BODY_LIMIT_BYTES (64 KiB), nothing changed', async () => {
      const text = JSON.stringify({ name: 'Big', price: '1.00', description: 'd'.repeat(70_000) });
      await refusedWithoutChange(413, () => call(app, 'POST', PRODUCTS, { text }));
      await refusedWithoutChange(413, () => call(app, 'PUT', `${PRODUCTS}/${existing.id}`, { text }));
      await refusedWithoutChange(413, () =>
        call(app, 'PATCH', `${PRODUCTS}/${existing.id}`, {
          text: JSON.stringify({ description: 'd'.repeat(70_000) }),
        }),
      );
    });

    it('400 problem+json naming each invalid field (POST), nothing changed', async () => {
      for (const [label, fragments] of INVALID_FIELDS) {
        const text = jsonObjectText({ name: '"Valid name"', price: '"1.00"', ...fragments });
        const { problem } = await refusedWithoutChange(400, () => call(app, 'POST', PRODUCTS, { text }));
        expect(errorNames(problem), label).toEqual(Object.keys(fragments).sort());
      }
    });

    it('400 problem+json naming each invalid field (PUT), nothing changed', async () => {
      for (const [label, fragments] of INVALID_FIELDS) {
        const text = jsonObjectText({ name: '"Valid name"', price: '"1.00"', ...fragments });
        const { problem } = await refusedWithoutChange(400, () =>
          call(app, 'PUT', `${PRODUCTS}/${existing.id}`, { text }),
        );
        expect(errorNames(problem), label).toEqual(Object.keys(fragments).sort());
      }
    });

    it('400 problem+json naming each invalid field (PATCH), nothing changed', async () => {
      for (const [label, fragments] of INVALID_FIELDS) {
        const text = jsonObjectText(fragments);
        const { problem } = await refusedWithoutChange(400, () =>
          call(app, 'PATCH', `${PRODUCTS}/${existing.id}`, { text }),
        );
        expect(errorNames(problem), label).toEqual(Object.keys(fragments).sort());
      }
      // A valid field beside an invalid one is not applied either.
      const { problem } = await refusedWithoutChange(400, () =>
        call(app, 'PATCH', `${PRODUCTS}/${existing.id}`, {
          text: '{"description":"changed","price":19.999}',
        }),
      );
      expect(errorNames(problem)).toEqual(['price']);
      expect(await getOne(existing.id)).toEqual(existing);
    });

    it('names every invalid field when several are wrong at once, and the missing required ones', async () => {
      const text = jsonObjectText(SEVERAL_INVALID);
      const post = await refusedWithoutChange(400, () => call(app, 'POST', PRODUCTS, { text }));
      expect(errorNames(post.problem)).toEqual(Object.keys(SEVERAL_INVALID).sort());
      const patch = await refusedWithoutChange(400, () =>
        call(app, 'PATCH', `${PRODUCTS}/${existing.id}`, { text }),
      );
      expect(errorNames(patch.problem)).toEqual(Object.keys(SEVERAL_INVALID).sort());
      const missing = await refusedWithoutChange(400, () =>
        call(app, 'POST', PRODUCTS, { json: { description: 'no name' } }),
      );
      expect(errorNames(missing.problem)).toEqual(['name', 'price']);
      const put = await refusedWithoutChange(400, () =>
        call(app, 'PUT', `${PRODUCTS}/${existing.id}`, { json: { name: 'x' } }),
      );
      expect(errorNames(put.problem)).toEqual(['price']);
      await refusedWithoutChange(400, () => call(app, 'PATCH', `${PRODUCTS}/${existing.id}`, { json: {} }));
    });

    it('one entry per invalid field in the problem errors (DESIGN §4)', async () => {
      for (const fragments of ONE_ENTRY_CASES) {
        const text = jsonObjectText({ name: '"Valid name"', price: '"1.00"', ...fragments });
        const { problem } = await refusedWithoutChange(400, () => call(app, 'POST', PRODUCTS, { text }));
        const names = (problem.errors ?? []).map((entry) => entry.name).sort();
        expect(names, text).toEqual(Object.keys(fragments).sort());
      }
    });

    it('stores text exactly as sent or refuses it: a lone surrogate is never silently replaced', async () => {
      for (const field of ['name', 'description', 'category']) {
        const sent = 'a\ud800b';
        const text = jsonObjectText({ name: '"Valid name"', price: '"1.00"', [field]: JSON.stringify(sent) });
        const before = await snapshotDatabase(db);
        const response = await call(app, 'POST', PRODUCTS, { text });
        if (response.statusCode === 400) {
          expect(errorNames(response.json())).toEqual([field]);
          expect(await snapshotDatabase(db)).toEqual(before);
          continue;
        }
        expect(response.statusCode, response.body).toBe(201);
        const stored = await getOne((response.json() as AdminProduct).id);
        expect(JSON.stringify(stored[field as 'name']), `${field} as stored`).toBe(JSON.stringify(sent));
      }
    });

    it('400 for bodies that are not a JSON object: broken, empty, duplicate keys, array, null, scalar', async () => {
      const bodies = [
        '{',
        '',
        '{"name":"a","name":"b","price":"1.00"}',
        '[]',
        'null',
        '"x"',
        '12',
        "{'name':'x'}",
        '{"price":NaN}',
        '{"price":Infinity}',
      ];
      for (const text of bodies) {
        await refusedWithoutChange(400, () => call(app, 'POST', PRODUCTS, { text }));
        await refusedWithoutChange(400, () => call(app, 'PATCH', `${PRODUCTS}/${existing.id}`, { text }));
      }
    });

    it('415 naming application/json for a body that is not JSON, or JSON in a charset other than UTF-8', async () => {
      const { problem } = await refusedWithoutChange(415, () =>
        call(app, 'POST', PRODUCTS, {
          text: 'name=x&price=1.00',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      );
      expect(problem.detail).toMatch(/application\/x-www-form-urlencoded.*send application\/json/);
      const json = JSON.stringify({ name: uniqueName('Charset'), price: '1.00' });
      for (const contentType of [
        'text/plain',
        'application/json; charset=latin1',
        'application/json; charset="UTF-16"',
      ]) {
        const refused = await refusedWithoutChange(415, () =>
          call(app, 'POST', PRODUCTS, { text: json, headers: { 'content-type': contentType } }),
        );
        expect(refused.problem.detail, contentType).toMatch(/application\/json/);
      }
      for (const contentType of ['application/json; charset=utf-8', 'application/json;charset=UTF8']) {
        const response = await call(app, 'POST', PRODUCTS, {
          json: { name: uniqueName('Charset'), price: '1.00' },
          headers: { 'content-type': contentType },
        });
        expect(response.statusCode, contentType).toBe(201);
      }
    });

    it('a DELETE with Content-Type: application/json and no body is accepted', async () => {
      const product = await create();
      const response = await call(app, 'DELETE', `${PRODUCTS}/${product.id}`, {
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode, response.body).toBe(204);
      expect((await getOne(product.id)).is_active).toBe(false);
    });

    it('409 for a duplicate SKU on POST, PUT and PATCH, nothing changed; a product may keep its own SKU', async () => {
      const sku = uniqueSku('DUP');
      const holder = await create({ sku });
      const other = await create({ sku: uniqueSku('OTH') });
      const post = await refusedWithoutChange(409, () =>
        call(app, 'POST', PRODUCTS, { json: { name: uniqueName('Dup'), price: '1.00', sku } }),
      );
      expect(post.problem.errors).toEqual([{ name: 'sku', detail: expect.any(String) }]);
      await refusedWithoutChange(409, () =>
        call(app, 'PUT', `${PRODUCTS}/${other.id}`, { json: { name: other.name, price: '1.00', sku } }),
      );
      await refusedWithoutChange(409, () => call(app, 'PATCH', `${PRODUCTS}/${other.id}`, { json: { sku } }));
      const same = await call(app, 'PATCH', `${PRODUCTS}/${holder.id}`, { json: { sku, price: '2.00' } });
      expect(same.statusCode, same.body).toBe(200);
      // Once the holder is gone for good, the SKU is free.
      expect((await call(app, 'DELETE', `${PRODUCTS}/${holder.id}?permanent=true`)).statusCode).toBe(204);
      const freed = await call(app, 'PATCH', `${PRODUCTS}/${other.id}`, { json: { sku } });
      expect(freed.statusCode, freed.body).toBe(200);
    });
  });

  describe('conditional requests (If-Match)', () => {
    it('the current ETag (or *) lets PUT, PATCH and DELETE through', async () => {
      const product = await create();
      const url = `${PRODUCTS}/${product.id}`;
      let response = await call(app, 'PATCH', url, {
        json: { price: '2.00' },
        headers: { 'if-match': '"1"' },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      response = await call(app, 'PUT', url, {
        json: { name: product.name, price: '3.00' },
        headers: { 'if-match': '"7", "2"' },
      });
      expect(response.statusCode, response.body).toBe(200);
      response = await call(app, 'PATCH', url, { json: { price: '4.00' }, headers: { 'if-match': '*' } });
      expect(response.statusCode, response.body).toBe(200);
      response = await call(app, 'DELETE', url, { headers: { 'if-match': '"4"' } });
      expect(response.statusCode, response.body).toBe(204);
      response = await call(app, 'DELETE', `${url}?permanent=true`, { headers: { 'if-match': '"5"' } });
      expect(response.statusCode, response.body).toBe(204);
    });

    it('a stale ETag is 412 with the current ETag, nothing changed', async () => {
      const product = await create();
      const url = `${PRODUCTS}/${product.id}`;
      expect((await call(app, 'PATCH', url, { json: { price: '2.00' } })).statusCode).toBe(200);
      for (const ifMatch of ['"1"', 'W/"2"', '"3"', '"1", "3"']) {
        const requests = [
          () => call(app, 'PATCH', url, { json: { price: '5.00' }, headers: { 'if-match': ifMatch } }),
          () =>
            call(app, 'PUT', url, { json: { name: 'x', price: '5.00' }, headers: { 'if-match': ifMatch } }),
          () => call(app, 'DELETE', url, { headers: { 'if-match': ifMatch } }),
          () => call(app, 'DELETE', `${url}?permanent=true`, { headers: { 'if-match': ifMatch } }),
        ];
        for (const request of requests) {
          const { response } = await refusedWithoutChange(412, request);
          expect(response.headers.etag, ifMatch).toBe('"2"');
        }
      }
    });

    it('an unquoted or malformed If-Match is 400 saying how to write it, nothing changed', async () => {
      const product = await create();
      const url = `${PRODUCTS}/${product.id}`;
      for (const ifMatch of ['1', '"1', '1"', 'W/1', "'1'", '"1" "2"', '"1",2', ',']) {
        const requests = [
          () => call(app, 'PATCH', url, { json: { price: '5.00' }, headers: { 'if-match': ifMatch } }),
          () =>
            call(app, 'PUT', url, { json: { name: 'x', price: '5.00' }, headers: { 'if-match': ifMatch } }),
          () => call(app, 'DELETE', url, { headers: { 'if-match': ifMatch } }),
        ];
        for (const request of requests) {
          const { problem } = await refusedWithoutChange(400, request);
          expect(problem.detail, ifMatch).toMatch(/must be a quoted ETag such as "3"/);
          expect(problem.detail).not.toMatch(/changed/);
          expect(errorNames(problem)).toEqual(['If-Match']);
        }
      }
    });

    it('without If-Match the last write wins', async () => {
      const product = await create();
      const url = `${PRODUCTS}/${product.id}`;
      await call(app, 'PATCH', url, { json: { price: '2.00' } });
      const response = await call(app, 'PATCH', url, { json: { price: '3.00' } });
      expect(response.json()).toMatchObject({ price: '3.00', version: 3 });
    });
  });

  describe('Idempotency-Key', () => {
    const key = () => `key-${uniqueSku('I')}`;

    it('replays the first response (status, body, Location, ETag) with idempotent-replayed: true, and counts it', async () => {
      const idempotencyKey = key();
      const json = { name: uniqueName('Idempotent'), price: '5.55' };
      const first = await call(app, 'POST', PRODUCTS, {
        json,
        headers: { 'idempotency-key': idempotencyKey },
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const replays = await readMetric(admin.registry, 'mystore_idempotent_replays_total');
      const before = await snapshotDatabase(db);
      for (let i = 1; i <= 2; i++) {
        const again = await call(app, 'POST', PRODUCTS, {
          json,
          headers: { 'idempotency-key': idempotencyKey },
        });
        expect(again.statusCode).toBe(201);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.headers.location).toBe(first.headers.location);
        expect(again.headers.etag).toBe(first.headers.etag);
        expect(again.headers['content-type']).toMatch(/^application\/json/);
        expect(again.json()).toEqual(first.json());
        expect(await readMetric(admin.registry, 'mystore_idempotent_replays_total')).toBe(replays + i);
      }
      expect(await snapshotDatabase(db)).toEqual(before);
      expect(await countProductsNamed(db, json.name)).toBe(1);
    });

    it('the same key with a different body is 422, nothing changed', async () => {
      const idempotencyKey = key();
      const json = { name: uniqueName('Idempotent 422'), price: '1.00' };
      expect(
        (await call(app, 'POST', PRODUCTS, { json, headers: { 'idempotency-key': idempotencyKey } }))
          .statusCode,
      ).toBe(201);
      await refusedWithoutChange(422, () =>
        call(app, 'POST', PRODUCTS, {
          json: { ...json, price: '1.01' },
          headers: { 'idempotency-key': idempotencyKey },
        }),
      );
    });

    it('keys belong to a token: the same key from another token runs anew', async () => {
      const idempotencyKey = key();
      const json = { name: uniqueName('Per token'), price: '1.00' };
      const owner = await call(app, 'POST', PRODUCTS, {
        json,
        headers: { 'idempotency-key': idempotencyKey },
      });
      const script = await call(app, 'POST', PRODUCTS, {
        json,
        token: SCRIPT_TOKEN,
        headers: { 'idempotency-key': idempotencyKey },
      });
      expect([owner.statusCode, script.statusCode]).toEqual([201, 201]);
      expect(script.headers['idempotent-replayed']).toBeUndefined();
      expect(script.json().id).not.toBe(owner.json().id);
    });

    it('keys are opaque and case-sensitive: keys differing only in case are different keys', async () => {
      const lower = `case-${uniqueSku('k').toLowerCase()}`;
      const upper = lower.toUpperCase();
      const json = { name: uniqueName('Case key'), price: '1.00' };
      const first = await call(app, 'POST', PRODUCTS, { json, headers: { 'idempotency-key': lower } });
      expect(first.statusCode, first.body).toBe(201);
      const other = await call(app, 'POST', PRODUCTS, {
        json: { ...json, price: '2.00' },
        headers: { 'idempotency-key': upper },
      });
      expect(other.statusCode, other.body).toBe(201);
      expect(other.json()).toMatchObject({ price: '2.00' });
      const sameBody = await call(app, 'POST', PRODUCTS, {
        json,
        headers: { 'idempotency-key': `${lower.slice(0, -1)}${lower.at(-1)!.toUpperCase()}X` },
      });
      expect(sameBody.headers['idempotent-replayed']).toBeUndefined();
    });

    it('stock changes with a key apply once; the replay answers the first result', async () => {
      const product = await create({ stock_quantity: 10 });
      const url = `${PRODUCTS}/${product.id}/stock`;
      const headers = { 'idempotency-key': key() };
      const first = await call(app, 'POST', url, { json: { delta: -4 }, headers });
      expect(first.statusCode, first.body).toBe(200);
      const again = await call(app, 'POST', url, { json: { delta: -4 }, headers });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      expect((await getOne(product.id)).stock_quantity).toBe(6);
      await refusedWithoutChange(422, () => call(app, 'POST', url, { json: { delta: -5 }, headers }));
    });

    it('a refused first request frees its key: the retry runs', async () => {
      const sku = uniqueSku('FREE');
      const holder = await create({ sku });
      const headers = { 'idempotency-key': key() };
      const json = { name: uniqueName('Retry'), price: '1.00', sku };
      await refusedWithoutChange(409, () => call(app, 'POST', PRODUCTS, { json, headers }));
      await refusedWithoutChange(409, () => call(app, 'POST', PRODUCTS, { json, headers }));
      expect((await call(app, 'DELETE', `${PRODUCTS}/${holder.id}?permanent=true`)).statusCode).toBe(204);
      const retried = await call(app, 'POST', PRODUCTS, { json, headers });
      expect(retried.statusCode, retried.body).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      // A refused stock change frees its key too.
      const stocked = await create({ stock_quantity: 1 });
      const stockHeaders = { 'idempotency-key': key() };
      const url = `${PRODUCTS}/${stocked.id}/stock`;
      await refusedWithoutChange(409, () =>
        call(app, 'POST', url, { json: { delta: -2 }, headers: stockHeaders }),
      );
      expect((await call(app, 'POST', url, { json: { delta: 1 }, headers: stockHeaders })).statusCode).toBe(
        200,
      );
    });

    it('409 with Retry-After while the first request is still running; an abandoned claim is taken over', async () => {
      const idempotencyKey = key();
      const json = { name: uniqueName('Running'), price: '1.00' };
      const headers = { 'idempotency-key': idempotencyKey };
      expect((await call(app, 'POST', PRODUCTS, { json, headers })).statusCode).toBe(201);
      // As if the first request were still in flight (the MariaDB suite holds a real lock instead).
      const where = sql`scope = 'owner' AND idem_key = ${idempotencyKey}`;
      await sql`UPDATE idempotency_keys SET state = 'running' WHERE ${where}`.execute(db);
      const { response } = await refusedWithoutChange(409, () =>
        call(app, 'POST', PRODUCTS, { json, headers }),
      );
      expect(response.headers['retry-after']).toBe('1');
      await refusedWithoutChange(422, () =>
        call(app, 'POST', PRODUCTS, { json: { ...json, price: '2.00' }, headers }),
      );
      // A claim left running for minutes belongs to a process that died: the next request runs.
      const old = new Date(Date.now() - 5 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
      await sql`UPDATE idempotency_keys SET created_at = ${old} WHERE ${where}`.execute(db);
      const takeover = await call(app, 'POST', PRODUCTS, { json, headers });
      expect(takeover.statusCode, takeover.body).toBe(201);
      expect(takeover.headers['idempotent-replayed']).toBeUndefined();
      const replay = await call(app, 'POST', PRODUCTS, { json, headers });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(takeover.json());
    });

    it('400 for a malformed Idempotency-Key, nothing changed', async () => {
      for (const value of ['', 'has space', 'k'.repeat(256), 'tab\tkey']) {
        const { problem } = await refusedWithoutChange(400, () =>
          call(app, 'POST', PRODUCTS, {
            json: { name: uniqueName('Bad key'), price: '1.00' },
            headers: { 'idempotency-key': value },
          }),
        );
        expect(errorNames(problem)).toEqual(['Idempotency-Key']);
      }
    });
  });

  describe('heartbeat', () => {
    it('with the heartbeat on (the default), the heartbeat row on the primary advances', async () => {
      const { app: beating } = await startAnother(
        { ...target.env, HEARTBEAT_INTERVAL_MS: '100' },
        { heartbeat: true },
      );
      await beating.ready();
      const first = await eventually(async () => {
        const reading = await readHeartbeat(db);
        expect(reading).toBeDefined();
        expect(reading!.nowMs - reading!.beatAtMs).toBeLessThan(2_000);
        return reading!;
      });
      await eventually(async () => {
        const later = await readHeartbeat(db);
        expect(later!.beatAtMs).toBeGreaterThan(first.beatAtMs);
      });
      await beating.close();
    });
  });
}
