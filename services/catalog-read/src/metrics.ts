import { CACHE_RESULTS, METRICS } from '@mystore/service-contract';
import { createDbMetrics } from '@mystore/service-kernel';
import { Counter, Gauge, type Registry } from 'prom-client';

export type DbTarget = 'replica' | 'fallback' | 'sqlite';

export type CacheResult = (typeof CACHE_RESULTS)[number];

/** catalog-read's own metrics (DESIGN §6); labels never carry ids, URLs or search text. */
export function createCatalogMetrics(registry: Registry) {
  const registers = [registry];
  const cacheRequests = new Counter({
    name: METRICS.cacheRequests,
    help: 'Catalog responses by cache outcome.',
    labelNames: ['result'],
    registers,
  });
  // Every outcome is exported from the start, at 0 until it happens.
  for (const result of CACHE_RESULTS) cacheRequests.inc({ result }, 0);
  const metrics = {
    cacheRequests,
    countCacheResult(result: CacheResult): void {
      cacheRequests.inc({ result });
    },
    catalogVersion: new Gauge({
      name: METRICS.catalogVersion,
      help: 'Newest catalog version this pod has seen.',
      registers,
    }),
    replicaLag: new Gauge({
      name: METRICS.replicaLag,
      help: 'How far the replica trails the primary (NaN when unknown).',
      registers,
    }),
    fallbackActive: new Gauge({
      name: METRICS.fallbackActive,
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
