import { listAudit } from '@mystore/db';
import { mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminProduct } from './support/api/contract.js';
import {
  type AdminWrite,
  call,
  countProductsNamed,
  prepareDatabase,
  SCRIPT_TOKEN,
  startAdminWrite,
  uniqueName,
  uniqueSku,
} from './support/api/harness.js';

const gate = await mysqlSuiteGate();
const PRODUCTS = '/api/admin/products';

/** A fixed-seed shuffle: the same interleaving of request kinds on every run. */
function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

describe.skipIf(!gate.run)(gate.title('admin-write under concurrency on a MariaDB primary'), () => {
  let pair: ReplicaPair;
  let admin: AdminWrite;

  beforeAll(async () => {
    pair = await startMysqlReplicaPair();
    await prepareDatabase(pair.primaryUrl);
    admin = await startAdminWrite({ DATABASE_URL: pair.primaryUrl });
    await admin.app.ready();
    // Open the whole pool first, so no test pays for ten connection handshakes at once.
    await Promise.all(Array.from({ length: 10 }, () => call(admin.app, 'GET', `${PRODUCTS}?limit=100`)));
  });
  afterAll(async () => {
    await admin?.app.close();
    await pair?.stop();
  });

  const create = async (fields: Record<string, unknown> = {}) => {
    const response = await call(admin.app, 'POST', PRODUCTS, {
      json: { name: uniqueName('Concurrent'), price: '5.00', ...fields },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as AdminProduct;
  };

  /** The product's audit trail is one unbroken chain: each change starts where the previous ended. */
  const expectSerialHistory = async (id: number) => {
    const entries = await listAudit(admin.handle.db, id);
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]!.before, `audit entry ${i} of product ${id}`).toEqual(entries[i - 1]!.after);
    }
    return entries;
  };

  it('50 concurrent stock adjustments (+ and −) leave the exact final stock', async () => {
    // 130 covers every ordering of 25 × −5 even before any +3 lands: all 50 must succeed.
    const product = await create({ stock_quantity: 130 });
    const deltas = shuffled([...Array(25).fill(3), ...Array(25).fill(-5)] as number[]);
    const responses = await Promise.all(
      deltas.map((delta) => call(admin.app, 'POST', `${PRODUCTS}/${product.id}/stock`, { json: { delta } })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(200));
    const final = (await call(admin.app, 'GET', `${PRODUCTS}/${product.id}`)).json() as AdminProduct;
    expect(final.stock_quantity).toBe(130 + 25 * 3 - 25 * 5);
    expect(final.version).toBe(product.version + 50);
    const entries = await expectSerialHistory(product.id);
    expect(entries.filter((entry) => entry.action === 'stock')).toHaveLength(50);
  });

  it('50 concurrent adjustments around zero: stock never goes below zero, refusals are 409 with the stock', async () => {
    const product = await create({ stock_quantity: 10 });
    const deltas = shuffled([...Array(40).fill(-1), ...Array(10).fill(1)] as number[], 7);
    const responses = await Promise.all(
      deltas.map((delta) => call(admin.app, 'POST', `${PRODUCTS}/${product.id}/stock`, { json: { delta } })),
    );
    let applied = 0;
    let successes = 0;
    responses.forEach((response, i) => {
      expect([200, 409], response.body).toContain(response.statusCode);
      if (response.statusCode === 200) {
        applied += deltas[i]!;
        successes += 1;
        expect((response.json() as AdminProduct).stock_quantity).toBeGreaterThanOrEqual(0);
      } else {
        expect(deltas[i]).toBe(-1);
        expect(response.json().errors).toEqual([{ name: 'delta', detail: 'would take the stock (0) to -1' }]);
      }
    });
    // Every return succeeds, and a take is refused only at 0, which needs the first 10 takes to have
    // succeeded; how many more succeed depends on how the requests interleave.
    const returned = deltas.filter((delta, i) => delta === 1 && responses[i]!.statusCode === 200).length;
    expect(returned).toBe(10);
    expect(successes - returned).toBeGreaterThanOrEqual(10);
    expect(successes - returned).toBeLessThanOrEqual(20);
    const final = (await call(admin.app, 'GET', `${PRODUCTS}/${product.id}`)).json() as AdminProduct;
    expect(final.stock_quantity).toBe(10 + applied);
    expect(final.stock_quantity).toBeGreaterThanOrEqual(0);
    const entries = await expectSerialHistory(product.id);
    expect(entries.filter((entry) => entry.action === 'stock')).toHaveLength(successes);
    for (const entry of entries) {
      expect((entry.after as { stock_quantity: number }).stock_quantity).toBeGreaterThanOrEqual(0);
    }
  });

  it('two concurrent PATCHes with the same If-Match: exactly one 200 and one 412', async () => {
    const product = await create();
    const url = `${PRODUCTS}/${product.id}`;
    for (let round = 0; round < 8; round++) {
      const etag = (await call(admin.app, 'GET', url)).headers.etag as string;
      const prices = [`${round + 10}.00`, `${round + 20}.00`];
      const responses = await Promise.all(
        prices.map((price, i) =>
          call(admin.app, 'PATCH', url, {
            json: { price },
            headers: { 'if-match': etag },
            token: i === 0 ? undefined : SCRIPT_TOKEN,
          }),
        ),
      );
      const statuses = responses.map((response) => response.statusCode);
      expect([...statuses].sort(), `round ${round}`).toEqual([200, 412]);
      const winner = statuses.indexOf(200);
      const loser = responses[1 - winner]!;
      expect(loser.headers.etag).toBe(responses[winner]!.headers.etag);
      expect((await call(admin.app, 'GET', url)).json()).toMatchObject({ price: prices[winner] });
    }
    // A conditional PUT racing a conditional DELETE: one of them, never both.
    const etag = (await call(admin.app, 'GET', url)).headers.etag as string;
    const [put, remove] = await Promise.all([
      call(admin.app, 'PUT', url, {
        json: { name: product.name, price: '1.00' },
        headers: { 'if-match': etag },
      }),
      call(admin.app, 'DELETE', `${url}?permanent=true`, { headers: { 'if-match': etag } }),
    ]);
    const statuses = [put.statusCode, remove.statusCode];
    // The PUT first: the DELETE's ETag is stale. The DELETE first: the row is gone for the PUT.
    expect([
      [200, 412],
      [404, 204],
    ]).toContainEqual(statuses);
    await expectSerialHistory(product.id);
  });

  it('10 racing POSTs with the same Idempotency-Key and body create exactly one product', async () => {
    const json = { name: uniqueName('Racing'), price: '7.77', sku: uniqueSku('RACE') };
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => call(admin.app, 'POST', PRODUCTS, { json, headers })),
    );
    const created = responses.filter((response) => response.statusCode === 201);
    for (const response of responses) {
      expect([201, 409], response.body).toContain(response.statusCode);
      if (response.statusCode === 409) expect(response.headers['retry-after']).toBe('1');
    }
    expect(created.filter((response) => response.headers['idempotent-replayed'] === undefined)).toHaveLength(
      1,
    );
    const ids = new Set(created.map((response) => (response.json() as AdminProduct).id));
    expect(ids.size).toBe(1);
    expect(await countProductsNamed(admin.handle.db, json.name)).toBe(1);
    const after = await call(admin.app, 'POST', PRODUCTS, { json, headers });
    expect(after.statusCode).toBe(201);
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(ids.has((after.json() as AdminProduct).id)).toBe(true);
  });

  it('10 racing stock changes with the same Idempotency-Key apply once', async () => {
    const product = await create({ stock_quantity: 20 });
    const headers = { 'idempotency-key': `race-stock-${Date.now()}` };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(admin.app, 'POST', `${PRODUCTS}/${product.id}/stock`, { json: { delta: -3 }, headers }),
      ),
    );
    for (const response of responses) expect([200, 409], response.body).toContain(response.statusCode);
    expect(responses.some((response) => response.statusCode === 200)).toBe(true);
    const final = (await call(admin.app, 'GET', `${PRODUCTS}/${product.id}`)).json() as AdminProduct;
    expect(final.stock_quantity).toBe(17);
  });

  it('10 racing creates with the same SKU: exactly one 201, the others 409 (never a 5xx)', async () => {
    const sku = uniqueSku('SAME');
    const names = Array.from({ length: 10 }, (_, i) => uniqueName(`Same SKU ${i}`));
    const responses = await Promise.all(
      names.map((name) => call(admin.app, 'POST', PRODUCTS, { json: { name, price: '1.00', sku } })),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const rows = await admin.handle.db
      .selectFrom('products')
      .select('product_id')
      .where('sku', '=', sku)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a mix of concurrent writes to one product serializes: no 5xx, one unbroken history', async () => {
    const product = await create({ stock_quantity: 50 });
    const url = `${PRODUCTS}/${product.id}`;
    const requests = shuffled(
      Array.from({ length: 30 }, (_, i) => {
        switch (i % 5) {
          case 0:
            return () => call(admin.app, 'PATCH', url, { json: { price: `${i}.50` } });
          case 1:
            return () => call(admin.app, 'POST', `${url}/stock`, { json: { delta: -2 } });
          case 2:
            return () =>
              call(admin.app, 'PUT', url, {
                json: { name: product.name, price: '3.00', stock_quantity: 40 },
              });
          case 3:
            return () => call(admin.app, 'DELETE', url);
          default:
            return () => call(admin.app, 'PATCH', url, { json: { is_active: true }, token: SCRIPT_TOKEN });
        }
      }),
      3,
    );
    const responses = await Promise.all(requests.map((request) => request()));
    for (const response of responses) expect([200, 204, 409], response.body).toContain(response.statusCode);
    const entries = await expectSerialHistory(product.id);
    const succeeded = responses.filter((response) => response.statusCode < 300).length;
    expect(entries).toHaveLength(1 + succeeded);
    const final = (await call(admin.app, 'GET', url)).json() as AdminProduct;
    expect(final.version).toBe(product.version + succeeded);
    expect(entries.at(-1)!.after).toMatchObject({
      version: final.version,
      stock_quantity: final.stock_quantity,
    });
  });
});
