import type { Metric, Registry } from 'prom-client';

/** One line of the exposition, as prom-client's registry formats it (its own histograms' shape). */
interface ExportedValue {
  readonly metricName: string;
  readonly labels: { readonly le?: number | '+Inf' };
  readonly sharedLabels: Series['labels'];
  readonly value: number;
}

/** Upper bounds in seconds; +Inf is implied. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

interface Series {
  readonly labels: { readonly method: string; readonly route: string; readonly status_code: string };
  /** Observations per bucket (not cumulative); the last slot is above the largest bound. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * `http_server_request_duration_seconds{method,route,status_code}`, observed once per request.
 * prom-client's Histogram validates and hashes the label set on every observation, which cost as much
 * as the rest of a cache hit's bookkeeping; this one finds its series through three Map lookups on
 * strings Fastify and Node already hold, and leaves the exposition format to prom-client's registry
 * (it has the shape of prom-client's histogram output).
 */
export class RequestDurationHistogram {
  readonly name = 'http_server_request_duration_seconds';
  readonly help = 'Duration of HTTP requests handled by the server, by route pattern.';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #byRoute = new Map<string, Map<string, Map<number, Series>>>();

  constructor(registry: Registry) {
    // The registry only reads name, help, type and get(); its types list prom-client's own classes.
    registry.registerMetric(this as unknown as Metric);
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    let byMethod = this.#byRoute.get(route);
    if (!byMethod) {
      byMethod = new Map();
      this.#byRoute.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (!byStatus) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let series = byStatus.get(statusCode);
    if (!series) {
      series = {
        labels: { method, route, status_code: String(statusCode) },
        counts: new Float64Array(BUCKETS.length + 1),
        sum: 0,
        count: 0,
      };
      byStatus.set(statusCode, series);
    }
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > (BUCKETS[bucket] as number)) bucket++;
    series.counts[bucket] = (series.counts[bucket] as number) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  get() {
    const values: ExportedValue[] = [];
    for (const byMethod of this.#byRoute.values()) {
      for (const byStatus of byMethod.values()) {
        for (const series of byStatus.values()) {
          const sharedLabels = series.labels;
          let cumulative = 0;
          BUCKETS.forEach((bound, index) => {
            cumulative += series.counts[index] as number;
            values.push({
              metricName: `${this.name}_bucket`,
              labels: { le: bound },
              sharedLabels,
              value: cumulative,
            });
          });
          values.push(
            { metricName: `${this.name}_bucket`, labels: { le: '+Inf' }, sharedLabels, value: series.count },
            { metricName: `${this.name}_sum`, labels: {}, sharedLabels, value: series.sum },
            { metricName: `${this.name}_count`, labels: {}, sharedLabels, value: series.count },
          );
        }
      }
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.#byRoute.clear();
  }
}
