import { createDbMetrics } from '@mystore/service-kernel';
import { Counter, Gauge, type Registry } from 'prom-client';

export type DbTarget = 'replica' | 'fallback' | 'sqlite';

export const CACHE_RESULTS = ['hit', 'miss', 'stale'] as const;
export type CacheResult = (typeof CACHE_RESULTS)[number];

/** catalog-read's own metrics (DESIGN §6); labels never carry ids, URLs or search text. */
export function createCatalogMetrics(registry: Registry) {
  const registers = [registry];
  // Counted in plain numbers and added to the counter when it is scraped: a cache hit is cheap enough
  // that prom-client's per-call label hashing showed up in its cost.
  const uncounted: Record<CacheResult, number> = { hit: 0, miss: 0, stale: 0 };
  const metrics = {
    cacheRequests: new Counter({
      name: 'mystore_cache_requests_total',
      help: 'Catalog responses by cache outcome.',
      labelNames: ['result'],
      registers,
      collect() {
        for (const result of CACHE_RESULTS) {
          this.inc({ result }, uncounted[result]);
          uncounted[result] = 0;
        }
      },
    }),
    countCacheResult(result: CacheResult): void {
      uncounted[result] += 1;
    },
    catalogVersion: new Gauge({
      name: 'mystore_catalog_version',
      help: 'Newest catalog version this pod has seen.',
      registers,
    }),
    replicaLag: new Gauge({
      name: 'mystore_replica_lag_seconds',
      help: 'How far the replica trails the primary (NaN when unknown).',
      registers,
    }),
    fallbackActive: new Gauge({
      name: 'mystore_db_fallback_active',
      help: '1 while reads go to the fallback (primary) instead of the replica.',
      registers,
    }),
    ...createDbMetrics(registry),
  };
  metrics.replicaLag.set(Number.NaN);
  metrics.fallbackActive.set(0);
  return metrics;
}

export type CatalogMetrics = ReturnType<typeof createCatalogMetrics>;
