import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { prometheusSuiteGate, promtoolMetricProblems } from '@mystore/test-kit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamMetrics, upstreamErrorReason } from '../src/index.js';

const promtool = prometheusSuiteGate(['promtool']);

/** A real upstream: `/ok` answers 200, `/broken` 503, `/slow` only after 2 s. */
async function startUpstream() {
  const server = createServer((request, response) => {
    if (request.url === '/ok') response.writeHead(200).end('ok');
    else if (request.url === '/broken') response.writeHead(503).end('down');
    else setTimeout(() => response.writeHead(200).end('late'), 2000).unref();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('upstream call metrics (the web apps’ calls to the APIs)', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(() => {
    upstream.server.closeAllConnections();
    upstream.server.close();
  });

  it('exports every error series at 0 before any call, for each declared upstream', async () => {
    const registry = new Registry();
    createUpstreamMetrics(registry, ['catalog-read']);
    const text = await registry.metrics();
    for (const reason of ['timeout', 'connection', 'server_error', 'other']) {
      expect(sample(text, `mystore_upstream_errors_total{upstream="catalog-read",reason="${reason}"}`)).toBe(
        0,
      );
    }
  });

  it('times real fetch calls by status and counts 5xx, refused connections and timeouts as errors', async () => {
    const registry = new Registry();
    const metrics = createUpstreamMetrics(registry, ['catalog-read']);
    const ok = await metrics.track('catalog-read', 'products', () => fetch(`${upstream.base}/ok`));
    expect(await ok.text()).toBe('ok');
    const broken = await metrics.track('catalog-read', 'products', () => fetch(`${upstream.base}/broken`));
    expect(broken.status).toBe(503);
    await broken.arrayBuffer();
    const refused = `http://127.0.0.1:${await closedPort()}/ok`;
    await expect(metrics.track('catalog-read', 'products', () => fetch(refused))).rejects.toThrow();
    await expect(
      metrics.track('catalog-read', 'products', () =>
        fetch(`${upstream.base}/slow`, { signal: AbortSignal.timeout(100) }),
      ),
    ).rejects.toThrow();

    const text = await registry.metrics();
    const count = (outcome: string) =>
      sample(
        text,
        `mystore_upstream_request_duration_seconds_count{upstream="catalog-read",operation="products",outcome="${outcome}"}`,
      );
    expect(count('200')).toBe(1);
    expect(count('503')).toBe(1);
    expect(count('error')).toBe(2);
    const errors = (reason: string) =>
      sample(text, `mystore_upstream_errors_total{upstream="catalog-read",reason="${reason}"}`);
    expect([errors('server_error'), errors('connection'), errors('timeout'), errors('other')]).toEqual([
      1, 1, 1, 0,
    ]);
    // The timed-out call took at least its 100 ms deadline, and is in the histogram as such.
    const errorSum = sample(
      text,
      'mystore_upstream_request_duration_seconds_sum{upstream="catalog-read",operation="products",outcome="error"}',
    );
    expect(errorSum).toBeGreaterThanOrEqual(0.09);
    if (promtool.run) expect(promtoolMetricProblems(text)).toEqual([]);
  });

  it("records a caller's own outcome words and failures, and refuses labels that are not fixed names", async () => {
    const registry = new Registry();
    const metrics = createUpstreamMetrics(registry, ['admin-write']);
    metrics.observe({ upstream: 'admin-write', operation: 'list', outcome: 'not_modified', seconds: 0.01 });
    metrics.observe({
      upstream: 'admin-write',
      operation: 'list',
      outcome: 'failed',
      seconds: 2,
      failure: 'timeout',
    });
    const text = await registry.metrics();
    expect(text).toContain('operation="list",outcome="not_modified"');
    expect(sample(text, 'mystore_upstream_errors_total{upstream="admin-write",reason="timeout"}')).toBe(1);
    const call = { upstream: 'admin-write', operation: 'list', outcome: 200, seconds: 0.01 };
    expect(() => metrics.observe({ ...call, upstream: 'https://evil.example/?q=1' })).toThrow(
      /unknown upstream/,
    );
    expect(() => metrics.observe({ ...call, operation: '/api/admin/products/42' })).toThrow(
      /not a fixed name/,
    );
    expect(() => metrics.observe({ ...call, outcome: 'connect ECONNREFUSED 10.0.0.1:8081' })).toThrow(
      /not a status/,
    );
  });

  it('classifies undici-style error codes, nested in `cause` as fetch throws them', () => {
    const wrapped = (code: string) =>
      new TypeError('fetch failed', { cause: Object.assign(new Error(), { code }) });
    expect(upstreamErrorReason(wrapped('ECONNRESET'))).toBe('connection');
    expect(upstreamErrorReason(wrapped('UND_ERR_HEADERS_TIMEOUT'))).toBe('timeout');
    expect(upstreamErrorReason(new DOMException('late', 'TimeoutError'))).toBe('timeout');
    expect(upstreamErrorReason(new Error('something else'))).toBe('other');
  });
});
