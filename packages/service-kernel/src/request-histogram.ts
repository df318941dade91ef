import { Histogram, type Registry } from 'prom-client';

/** Observes one finished request's duration. */
export type DurationObserver = (method: string, route: string, statusCode: number, seconds: number) => void;

/**
 * `http_server_request_duration_seconds{method,route,status_code}` (route is the pattern, never the
 * URL). Each series' child is kept, so a request does not build and validate a label object.
 */
export function createRequestDurationHistogram(registry: Registry): DurationObserver {
  const histogram = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP requests handled by the server, by route pattern.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
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
