import type { DatabaseHandle } from '@mystore/db';
import type { LogEvent } from 'kysely';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type DbTarget = 'replica' | 'fallback' | 'sqlite';

/** catalog-read's own metrics (DESIGN §6); labels never carry ids, URLs or search text. */
export function createCatalogMetrics(registry: Registry) {
  const registers = [registry];
  const handles = new Map<DbTarget, DatabaseHandle>();
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
    queryDuration: new Histogram({
      name: 'mystore_db_query_duration_seconds',
      help: 'Database query duration.',
      labelNames: ['target', 'operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    poolConnections: new Gauge({
      name: 'mystore_db_pool_connections',
      help: 'Database pool connections by state.',
      labelNames: ['target', 'state'],
      registers,
      collect() {
        for (const [target, handle] of handles) {
          const stats = handle.poolStats();
          this.set({ target, state: 'idle' }, stats.idle);
          this.set({ target, state: 'used' }, stats.total - stats.idle);
          this.set({ target, state: 'waiting' }, stats.waiting);
        }
      },
    }),
    /** Lets the pool gauge read a handle's pool. */
    trackPool(target: DbTarget, handle: DatabaseHandle) {
      handles.set(target, handle);
    },
    /** Kysely's log hook for one database target. */
    queryLogger(target: DbTarget) {
      return (event: LogEvent) => {
        metrics.queryDuration.observe(
          { target, operation: operationOf(event.query.sql) },
          event.queryDurationMillis / 1000,
        );
      };
    },
  };
  metrics.replicaLag.set(Number.NaN);
  metrics.fallbackActive.set(0);
  return metrics;
}

export type CatalogMetrics = ReturnType<typeof createCatalogMetrics>;

const OPERATIONS = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'start',
  'begin',
  'commit',
  'rollback',
  'set',
]);

/** The statement's first keyword, from a fixed set (bounded label values). */
function operationOf(statement: string): string {
  const keyword = /^\s*(\w+)/.exec(statement)?.[1]?.toLowerCase() ?? 'other';
  return OPERATIONS.has(keyword) ? keyword : 'other';
}
