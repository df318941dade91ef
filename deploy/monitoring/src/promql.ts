import { PROBE_PATHS, SERVICES } from '@mystore/service-contract';

/** The four services, as their `service` (and `job`) label: the Kubernetes Service name. */
export const SERVICE_NAMES = SERVICES.map((service) => service.name);

/** A regex matching exactly the four services (label values never need escaping: plain names). */
export const ANY_SERVICE = SERVICE_NAMES.join('|');

/** Requests that are not Kubernetes probes: probes say nothing about what customers get. */
export const NOT_PROBES = `route!~"${[PROBE_PATHS.liveness, PROBE_PATHS.readiness].join('|')}"`;

/** `metric{matcher, …}`. */
export function selector(metric: string, ...matchers: string[]): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(', ')}}`;
}

/** `sum by (labels) (rate(series[window]))`. */
export function sumRate(by: readonly string[], series: string, window: string): string {
  return `sum by (${by.join(', ')}) (rate(${series}[${window}]))`;
}

/**
 * `part / whole`, where a part with no samples counts as 0 rather than leaving the ratio empty (no
 * 5xx is a ratio of 0, not "no data"), and a whole of 0 leaves it empty (no traffic is not 0 % errors).
 */
export function ratioOrZero(part: string, whole: string): string {
  return `(${part} or 0 * ${whole}) / (${whole} > 0)`;
}

/** `histogram_quantile(q, sum by (labels, le) (rate(metric_bucket{…}[window])))`. */
export function quantile(q: number, by: readonly string[], bucketSeries: string, window: string): string {
  return `histogram_quantile(${q}, ${sumRate([...by, 'le'], bucketSeries, window)})`;
}
