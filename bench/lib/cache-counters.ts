import { scrapeMetrics } from './http.js';
import type { Table } from './report.js';

/** catalog-read's `mystore_cache_requests_total{result=…}`. */
export interface CacheCounters {
  readonly hit: number;
  readonly miss: number;
  readonly stale: number;
}

/** catalog-read's cache counters now, from its /metrics. */
export async function readCacheCounters(metricsUrl: string): Promise<CacheCounters> {
  const samples = await scrapeMetrics(metricsUrl);
  const read = (result: string) => {
    let total = 0;
    for (const [key, value] of samples) {
      if (key.startsWith('mystore_cache_requests_total{') && key.includes(`result="${result}"`))
        total += value;
    }
    return total;
  };
  return { hit: read('hit'), miss: read('miss'), stale: read('stale') };
}

/** What the counters grew by between two readings. */
export function countersBetween(before: CacheCounters, after: CacheCounters): CacheCounters {
  return { hit: after.hit - before.hit, miss: after.miss - before.miss, stale: after.stale - before.stale };
}

/** Hits over all lookups; NaN when there were none. */
export function hitRatio(counters: CacheCounters): number {
  const total = counters.hit + counters.miss + counters.stale;
  return total === 0 ? Number.NaN : counters.hit / total;
}

export const percent = (ratio: number): string =>
  Number.isFinite(ratio) ? `${(ratio * 100).toFixed(2)}%` : '–';

/** The report table of catalog-read's cache counters over the given periods. */
export function cacheTable(periods: readonly (readonly [string, CacheCounters])[], note: string): Table {
  return {
    title: 'Cache hit ratio of catalog-read (`mystore_cache_requests_total` from /metrics)',
    columns: ['period', 'hit', 'miss', 'stale', 'hit ratio'],
    rows: periods.map(([period, c]) => [period, c.hit, c.miss, c.stale, percent(hitRatio(c))]),
    note,
  };
}
