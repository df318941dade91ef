import { catalogRead } from '@mystore/service-contract';
import { createUpstreamMetrics, type UpstreamErrorReason } from '@mystore/service-kernel';
import { Counter, type Registry } from 'prom-client';

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
  // The kernel's upstream metrics, which the dashboard reads for every web app.
  const upstream = createUpstreamMetrics(registry, [catalogRead.name]);
  return {
    /** `mystore_upstream_request_duration_seconds{upstream="catalog-read",operation,outcome}`; failures counted. */
    apiDuration: {
      /** `failure`: why catalog-read gave nothing to render (the kernel's `upstreamErrorReason`). */
      observe(
        labels: { operation: ApiOperation; outcome: ApiOutcome },
        seconds: number,
        failure?: UpstreamErrorReason,
      ): void {
        upstream.observe({ upstream: catalogRead.name, ...labels, seconds, ...(failure ? { failure } : {}) });
      },
    },
    pageCache: new Counter({
      name: 'mystore_page_cache_requests_total',
      help: 'Rendered pages reused (hit: the API answered 304 for every part) or rendered (miss).',
      labelNames: ['result'],
      registers,
    }),
  };
}

export type WebMetrics = ReturnType<typeof createWebMetrics>;
