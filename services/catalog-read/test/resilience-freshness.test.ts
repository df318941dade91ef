import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mysqlSuiteGate } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogPair,
  type CatalogRead,
  etagVersion,
  eventually,
  hasSeries,
  startCatalogPair,
  startCatalogRead,
  writeProduct,
} from './support/resilience/helpers.js';

const gate = await mysqlSuiteGate();
const PROMTOOL = '/usr/bin/promtool';

describe.skipIf(!gate.run)(gate.title('catalog-read resilience: freshness and metrics'), () => {
  let fixture: CatalogPair | undefined;
  let service: CatalogRead | undefined;

  beforeAll(async () => {
    fixture = await startCatalogPair();
    service = await startCatalogRead({ DATABASE_URL: fixture.pair.replicaUrl });
  });
  afterAll(async () => {
    await service?.app.close();
    await fixture?.stop();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    service!.app.inject({ method: 'GET', url, headers });

  it('shows a write on the primary through the replica with a new ETag; the old ETag no longer revalidates', async () => {
    const list = await get('/api/v1/products?sort=price&limit=1');
    expect(list.statusCode, list.body).toBe(200);
    const product = list.json<{ items: { id: number; price: string }[] }>().items[0]!;
    const url = `/api/v1/products/${product.id}`;

    const before = await get(url);
    expect(before.statusCode).toBe(200);
    const oldEtag = before.headers.etag as string;
    expect(etagVersion(oldEtag)).toBeGreaterThan(0);
    expect((await get(url, { 'if-none-match': oldEtag })).statusCode).toBe(304);

    const newPrice = product.price === '7777.77' ? '8888.88' : '7777.77';
    const written = await writeProduct(fixture!.primary, product.id, { price: newPrice });

    const after = await eventually(async () => {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.json<{ price: string }>().price).toBe(newPrice);
      return response;
    });
    const newEtag = after.headers.etag as string;
    expect(newEtag).not.toBe(oldEtag);
    expect(etagVersion(newEtag)).toBe(written);

    const withOld = await get(url, { 'if-none-match': oldEtag });
    expect(withOld.statusCode).toBe(200);
    expect(withOld.json<{ price: string }>().price).toBe(newPrice);
    expect(withOld.headers.etag).toBe(newEtag);

    const withNew = await get(url, { 'if-none-match': newEtag });
    expect(withNew.statusCode).toBe(304);
    expect(withNew.headers.etag).toBe(newEtag);
    expect(withNew.body).toBe('');
  });

  it('exposes the documented metrics, and promtool accepts the exposition', async () => {
    // Traffic for every series: a miss, a hit, a revalidation.
    const first = await get('/api/v1/categories');
    expect(first.statusCode).toBe(200);
    const second = await eventually(async () => {
      const response = await get('/api/v1/categories');
      expect(response.headers['x-cache']).toBe('hit');
      return response;
    });
    expect(
      (await get('/api/v1/categories', { 'if-none-match': second.headers.etag as string })).statusCode,
    ).toBe(304);

    const text = await service!.registry.metrics();
    // Label order inside braces carries no meaning (prom-client writes `le` first), so series are
    // matched by name and labels rather than by a text prefix.
    const expected: [string, Record<string, string>][] = [
      ['mystore_cache_requests_total', { result: 'hit' }],
      ['mystore_cache_requests_total', { result: 'miss' }],
      ['mystore_catalog_version', {}],
      ['mystore_replica_lag_seconds', {}],
      ['mystore_db_query_duration_seconds_bucket', { target: 'replica', operation: 'select' }],
      ['mystore_db_pool_connections', { target: 'replica', state: 'idle' }],
      ['mystore_db_fallback_active', {}],
      ['http_server_request_duration_seconds_bucket', {}],
    ];
    for (const [name, labels] of expected) {
      expect(hasSeries(text, name, labels), `${name}${JSON.stringify(labels)}`).toBe(true);
    }
    expect(text).toContain('mystore_cache_requests_total{result="hit"}');
    expect(text).toContain('mystore_cache_requests_total{result="miss"}');
    expect(text).toContain('mystore_db_pool_connections{target="replica",state="idle"}');
    expect(text).toMatch(/^mystore_catalog_version [1-9]\d*$/m);
    expect(text).toMatch(/^mystore_db_fallback_active 0$/m);
    expect(text).toMatch(
      /^http_server_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/products\/:id"/m,
    );

    if (!existsSync(PROMTOOL)) {
      if (process.env.CI === 'true') throw new Error(`${PROMTOOL} is missing (CI must install prometheus)`);
      process.stderr.write(`[resilience] ${PROMTOOL} missing: exposition not linted\n`);
      return;
    }
    // prom-client's own nodejs_active_*_total gauges break promtool's counter-naming lint.
    const linted = text
      .split('\n')
      .filter((line) => !/^(# (HELP|TYPE) )?nodejs_active_\w+_total\b/.test(line))
      .join('\n');
    const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: linted, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
