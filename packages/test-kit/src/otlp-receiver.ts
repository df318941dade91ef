import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One OTLP attribute as the JSON encoding carries it (`value` is `{ stringValue }`, `{ intValue }`, …). */
export interface SpanAttribute {
  readonly key: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** OTLP's span kinds (its numbering: the API's SpanKind + 1). */
export const OTLP_SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;

export interface ReceivedSpan {
  /** The resource's `service.name` (OTEL_SERVICE_NAME). */
  readonly service: string;
  /** The instrumentation scope, e.g. `@opentelemetry/instrumentation-mysql2`. */
  readonly scope: string;
  readonly name: string;
  /** See OTLP_SPAN_KIND: a request's server span is `server` whichever instrumentation made it. */
  readonly kind?: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly attributes?: readonly SpanAttribute[];
}

/** From `start` up through its parents to the root of its trace, among `spans` (a missing parent ends it). */
export function pathToRoot(start: ReceivedSpan, spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const path: ReceivedSpan[] = [];
  for (let span: ReceivedSpan | undefined = start; span; span = byId.get(span.parentSpanId ?? '')) {
    path.push(span);
  }
  return path;
}

/** What one service has sent so far: every span, and the root spans (the traces that started there). */
export interface SpanCount {
  spans: number;
  roots: number;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { scope?: { name: string }; spans?: Omit<ReceivedSpan, 'scope' | 'service'>[] }[];
  }[];
}

export interface OtlpReceiverOptions {
  /**
   * false: only count the spans (by service, in `counts`), for a load test whose millions of spans
   * would not fit in memory. Default true: keep every span in `spans`.
   */
  readonly keepSpans?: boolean;
}

/**
 * An OTLP/HTTP trace receiver (the JSON encoding) that keeps every span it is sent and counts them by
 * service. `exporterEnv(service)` is the `OTEL_*` environment that makes a service process send its
 * traces here, every 100 ms (no metrics or logs exporters).
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<{
  server: Server;
  url: string;
  spans: ReceivedSpan[];
  /** Spans and root spans received, by `service.name`. */
  counts: Map<string, SpanCount>;
  exporterEnv(service: string): Record<string, string>;
}> {
  const keepSpans = options.keepSpans ?? true;
  const spans: ReceivedSpan[] = [];
  const counts = new Map<string, SpanCount>();
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const payload = JSON.parse(body) as OtlpJson;
      for (const resource of payload.resourceSpans ?? []) {
        const service =
          resource.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value
            .stringValue ?? '';
        const count = counts.get(service) ?? { spans: 0, roots: 0 };
        counts.set(service, count);
        for (const scoped of resource.scopeSpans ?? []) {
          for (const span of scoped.spans ?? []) {
            count.spans++;
            if (!span.parentSpanId) count.roots++;
            if (keepSpans) spans.push({ ...span, service, scope: scoped.scope?.name ?? '' });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/v1/traces`;
  return {
    server,
    url,
    spans,
    counts,
    exporterEnv: (service) => ({
      OTEL_SERVICE_NAME: service,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    }),
  };
}
