import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mysqlSuiteGate } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_ENV, type CatalogPair, eventually, startCatalogPair } from './support/resilience/helpers.js';
import { type ServerProcess, startServerProcess } from './support/resilience/server-process.js';

const gate = await mysqlSuiteGate();

interface ExportedSpan {
  readonly scope: string;
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
}

/** An OTLP/HTTP trace receiver (the JSON encoding) that keeps every span it is sent. */
async function startCollector(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const payload = JSON.parse(body) as {
        resourceSpans?: {
          scopeSpans?: { scope?: { name: string }; spans?: Omit<ExportedSpan, 'scope'>[] }[];
        }[];
      };
      for (const resource of payload.resourceSpans ?? []) {
        for (const scoped of resource.scopeSpans ?? []) {
          for (const span of scoped.spans ?? []) spans.push({ ...span, scope: scoped.scope?.name ?? '' });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/v1/traces`, spans };
}

describe.skipIf(!gate.run)(gate.title('catalog-read tracing (OpenTelemetry, real server process)'), () => {
  let fixture: CatalogPair | undefined;
  let collector: Awaited<ReturnType<typeof startCollector>> | undefined;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    [fixture, collector] = await Promise.all([startCatalogPair(), startCollector()]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    collector?.server.close();
    await fixture?.stop();
  });

  const start = async (env: Record<string, string>) => {
    const server = await startServerProcess({
      ...BASE_ENV,
      PORT: '0',
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: fixture!.pair.replicaUrl,
      ...env,
    });
    servers.push(server);
    return server;
  };

  it('continues the caller’s trace through HTTP, Fastify and MySQL, and puts its ids in the request line', async () => {
    const server = await start({
      OTEL_SERVICE_NAME: 'catalog-read',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector!.url,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/products?category=Kitchen`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);

    const spans = await eventually(() => {
      const ours = collector!.spans.filter((span) => span.traceId === traceId);
      const scopes = new Set(ours.map((span) => span.scope));
      expect(scopes).toContain('@opentelemetry/instrumentation-http');
      expect(scopes).toContain('@fastify/otel');
      expect(scopes).toContain('@opentelemetry/instrumentation-mysql2');
      return ours;
    });
    // The incoming span continues the caller's: its parent is the span id sent in traceparent.
    const incoming = spans.find((span) => span.scope === '@opentelemetry/instrumentation-http');
    expect(incoming?.parentSpanId).toBe('00f067aa0ba902b7');

    const line = await server.waitForLog(
      (entry) => entry.msg === 'request' && entry.url === '/api/v1/products?category=Kitchen',
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

  it('stays off without an exporter: no trace ids, nothing sent', async () => {
    const before = collector!.spans.length;
    const server = await start({});
    const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/products?category=Garden`, {
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    expect(response.status).toBe(200);
    const line = await server.waitForLog((entry) => entry.msg === 'request' && entry.url !== '/healthz');
    expect(line).not.toHaveProperty('trace_id');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(collector!.spans.length).toBe(before);
  });
});
