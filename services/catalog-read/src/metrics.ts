import { createDbMetrics } from '@mystore/service-kernel';
import { Counter, Gauge, type Registry } from 'prom-client';

export type DbTarget = 'replica' | 'fallback' | 'sqlite';

/** catalog-read's own metrics (DESIGN §6); labels never carry ids, URLs or search text. */
export function createCatalogMetrics(registry: Registry) {
  const registers = [registry];
  const metrics = {
    cacheRequests: new Counter({
      name: 'mystore_cache_requests_total',
      help: 'Catalog responses by cache outcome.',
      labelNames: ['result'],
      registers,
    }),
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
