import { Counter, Histogram, type Registry } from 'prom-client';

/** How a call to catalog-read ended (bounded label values). */
export const API_OUTCOMES = ['ok', 'not_modified', 'not_found', 'rejected', 'failed', 'timeout'] as const;
export type ApiOutcome = (typeof API_OUTCOMES)[number];

/** The API calls the storefront makes (never a URL or an id as a label). */
export type ApiOperation = 'products' | 'product' | 'categories';

export const PAGE_CACHE_RESULTS = ['hit', 'miss'] as const;
export type PageCacheResult = (typeof PAGE_CACHE_RESULTS)[number];

/** catalog-web's own metrics (labels never carry ids, URLs or search text). */
export function createWebMetrics(registry: Registry) {
  const registers = [registry];
  return {
    apiDuration: new Histogram({
      name: 'mystore_catalog_api_request_duration_seconds',
      help: 'Calls from the storefront to catalog-read, by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    pageCache: new Counter({
      name: 'mystore_page_cache_requests_total',
      help: 'Rendered pages reused (hit: the API answered 304 for every part) or rendered (miss).',
      labelNames: ['result'],
      registers,
    }),
  };
}

export type WebMetrics = ReturnType<typeof createWebMetrics>;
