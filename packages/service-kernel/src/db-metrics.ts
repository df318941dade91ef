import { METRICS } from '@mystore/service-contract';
import { Gauge, Histogram, type Registry } from 'prom-client';

/** What the pool gauge reads from a database handle. */
export interface PoolReader {
  poolStats(): { total: number; idle: number; waiting: number };
}

/** A Kysely log event, as far as the duration histogram needs it. */
export interface QueryEvent {
  readonly query: { readonly sql: string };
  readonly queryDurationMillis: number;
}

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

/**
 * `mystore_db_query_duration_seconds{target,operation}`, `mystore_db_pool_connections{target,state}` and
 * `mystore_db_pool_max_connections{target}` (target = primary | replica | fallback | sqlite).
 */
export function createDbMetrics(registry: Registry) {
  const pools = new Map<string, PoolReader>();
  const poolMax = new Gauge({
    name: METRICS.dbPoolMaxConnections,
    help: 'Connection limit of the database pool: saturation is used connections over this.',
    labelNames: ['target'],
    registers: [registry],
  });
  const queryDuration = new Histogram({
    name: METRICS.dbQueryDuration,
    help: 'Database query duration.',
    labelNames: ['target', 'operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: METRICS.dbPoolConnections,
    help: 'Database pool connections by state.',
    labelNames: ['target', 'state'],
    registers: [registry],
    collect() {
      for (const [target, pool] of pools) {
        const stats = pool.poolStats();
        this.set({ target, state: 'idle' }, stats.idle);
        this.set({ target, state: 'used' }, stats.total - stats.idle);
        this.set({ target, state: 'waiting' }, stats.waiting);
      }
    },
  });
  return {
    /** Kysely's `log` hook for one database target. */
    queryLogger(target: string) {
      return (event: QueryEvent) =>
        queryDuration.observe(
          { target, operation: operationOf(event.query.sql) },
          event.queryDurationMillis / 1000,
        );
    },
    /** Lets the pool gauges read a handle's pool of at most `maxConnections` (SQLite: 1). */
    trackPool(target: string, pool: PoolReader, maxConnections: number) {
      pools.set(target, pool);
      poolMax.set({ target }, maxConnections);
    },
  };
}
