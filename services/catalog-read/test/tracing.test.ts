import {
  mysqlSuiteGate,
  OTLP_SPAN_KIND,
  type ReceivedSpan,
  type RunningService,
  startOtlpReceiver,
  startServiceProcess,
} from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_ENV, type CatalogPair, eventually, startCatalogPair } from './support/resilience/helpers.js';

const gate = await mysqlSuiteGate();
/** How long a request's log line may take to appear. */
const LOG_WAIT_MS = 10_000;

describe.skipIf(!gate.run)(gate.title('catalog-read tracing (OpenTelemetry, real server process)'), () => {
  let fixture: CatalogPair | undefined;
  let collector: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
  const servers: RunningService[] = [];

  beforeAll(async () => {
    [fixture, collector] = await Promise.all([startCatalogPair(), startOtlpReceiver()]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    collector?.server.close();
    await fixture?.stop();
  });

  const start = async (env: Record<string, string>) => {
    const server = await startServiceProcess('catalog-read', {
      ...BASE_ENV,
      DATABASE_URL: fixture!.pair.replicaUrl,
      ...env,
    });
    servers.push(server);
    return server;
  };

  it('continues the caller’s trace through HTTP, Fastify and MySQL, and puts its ids in the request line', async () => {
    const server = await start(collector!.exporterEnv('catalog-read'));
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/products?category=Kitchen`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);

    const spans = await eventually(() => {
      const ours = collector!.spans.filter((span) => span.traceId === traceId);
      const scopes = new Set(ours.map((span) => span.scope));
      expect(scopes).toContain('@fastify/otel');
      expect(scopes).toContain('@opentelemetry/instrumentation-mysql2');
      expect(ours.some((span) => span.kind === OTLP_SPAN_KIND.server)).toBe(true);
      return ours;
    });
    // The request's server span (@fastify/otel's, named by method and route) continues the caller's:
    // its parent is the span id sent in traceparent.
    const incoming = spans.filter((span) => span.kind === OTLP_SPAN_KIND.server);
    expect(incoming).toMatchObject([
      { scope: '@fastify/otel', name: 'GET /api/v1/products', parentSpanId: '00f067aa0ba902b7' },
    ]);

    const line = await server.waitForLine(
      (entry) => entry.msg === 'request' && entry.url === '/api/v1/products?category=Kitchen',
      LOG_WAIT_MS,
    );
    expect(line.trace_id).toBe(traceId);
    expect(spans.map((span) => span.spanId)).toContain(line.span_id);
    expect(line.trace_flags).toBe('01');

    // Nothing is traced but requests: not probes (nor the queries /readyz runs), not the replica checks
    // and version polls running all along (every 50 ms here).
    await fetch(`http://127.0.0.1:${server.port}/healthz`);
    await fetch(`http://127.0.0.1:${server.port}/readyz`);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const traces = new Set(collector!.spans.map((span) => span.traceId));
    expect([...traces]).toEqual([traceId]);
  });

  it('puts every database span beneath the request that caused it, in one trace', async () => {
    const server = await start(collector!.exporterEnv('catalog-read'));
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    // A query no other test asked for: a cache miss, so it reaches the database.
    const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/products?category=Garden&limit=3`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);
    const spans = await eventually(() => {
      const ours = collector!.spans.filter((span) => span.traceId === traceId);
      expect(ours.some((span) => span.scope === '@opentelemetry/instrumentation-mysql2')).toBe(true);
      // The request's own span ends after the response, so it may come in a later export batch.
      expect(ours.some((span) => span.parentSpanId === '00f067aa0ba902b7')).toBe(true);
      return ours;
    });
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const incoming = spans.find((span) => span.parentSpanId === '00f067aa0ba902b7')!;
    expect(incoming).toMatchObject({ scope: '@fastify/otel', kind: OTLP_SPAN_KIND.server });
    // Walking up from each query reaches the incoming request: no orphan, no second root.
    for (const query of spans.filter((span) => span.scope === '@opentelemetry/instrumentation-mysql2')) {
      const chain: ReceivedSpan[] = [];
      for (let span: ReceivedSpan | undefined = query; span; span = byId.get(span.parentSpanId ?? '')) {
        chain.push(span);
        if (span === incoming) break;
      }
      expect(chain.at(-1), `span ${query.name}`).toBe(incoming);
    }
  });

  it('samples by OTEL_TRACES_SAMPLER=parentbased_traceidratio: the caller decides, else the ratio', async () => {
    const server = await start({
      ...collector!.exporterEnv('catalog-read'),
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      // A ratio of 0 samples no trace that starts here: only a sampled caller's trace is recorded.
      OTEL_TRACES_SAMPLER_ARG: '0',
    });
    const sampled = '6bf92f3577b34da6a3ce929d0e0e4736';
    const unsampled = '7bf92f3577b34da6a3ce929d0e0e4736';
    const before = new Set(collector!.spans.map((span) => span.traceId));
    const get = (path: string, traceparent?: string) =>
      fetch(`http://127.0.0.1:${server.port}${path}`, { headers: traceparent ? { traceparent } : {} }).then(
        (response) => response.status,
      );
    expect(await get('/api/v1/categories', `00-${sampled}-00f067aa0ba902b7-01`)).toBe(200);
    expect(await get('/api/v1/categories', `00-${unsampled}-00f067aa0ba902b7-00`)).toBe(200);
    for (let i = 0; i < 20; i += 1) expect(await get(`/api/v1/products?limit=${i + 1}`)).toBe(200);

    await eventually(() => expect(collector!.spans.some((span) => span.traceId === sampled)).toBe(true));
    // Give the exporter time to send anything else it would have (its batch delay is 100 ms).
    await new Promise((resolve) => setTimeout(resolve, 600));
    const newTraces = new Set(
      collector!.spans.map((span) => span.traceId).filter((traceId) => !before.has(traceId)),
    );
    expect([...newTraces]).toEqual([sampled]);
    // The request line still carries the trace id of an unsampled request, flagged 00.
    const line = await server.waitForLine(
      (entry) => entry.msg === 'request' && entry.trace_id === unsampled,
      LOG_WAIT_MS,
    );
    expect(line.trace_flags).toBe('00');
  });

  it('stays off without an exporter: no trace ids, nothing sent', async () => {
    const before = collector!.spans.length;
    const server = await start({});
    const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/products?category=Garden`, {
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    expect(response.status).toBe(200);
    const line = await server.waitForLine(
      (entry) => entry.msg === 'request' && entry.url !== '/healthz',
      LOG_WAIT_MS,
    );
    expect(line).not.toHaveProperty('trace_id');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(collector!.spans.length).toBe(before);
  });
});
