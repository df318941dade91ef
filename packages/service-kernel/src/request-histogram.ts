import { METRICS, REQUEST_DURATION_BUCKETS } from '@mystore/service-contract';
import { Histogram, type Registry } from 'prom-client';

/** Observes one finished request's duration. */
export type DurationObserver = (method: string, route: string, statusCode: number, seconds: number) => void;

/**
 * `http_server_request_duration_seconds{method,route,status_code}` (route is the pattern, never the
 * URL). Each series' child is kept, so a request does not build and validate a label object.
 */
export function createRequestDurationHistogram(registry: Registry): DurationObserver {
  const histogram = new Histogram({
    name: METRICS.httpRequestDuration,
    help: 'Duration of HTTP requests handled by the server, by route pattern.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [...REQUEST_DURATION_BUCKETS],
    registers: [registry],
  });
  const series = new Map<string, Histogram.Internal<'method' | 'route' | 'status_code'>>();
  return (method, route, statusCode, seconds) => {
    const key = `${statusCode} ${method} ${route}`;
    let child = series.get(key);
    if (!child) {
      child = histogram.labels(method, route, String(statusCode));
      series.set(key, child);
    }
    child.observe(seconds);
  };
}
