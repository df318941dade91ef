import { METRICS } from '@mystore/service-contract';
import { quantile, selector, sumRate } from '../promql.js';
import { APP, RATE, timeseries } from './panels.js';
import type { Row } from './rows.js';

const queryBuckets = selector(`${METRICS.dbQueryDuration}_bucket`, APP);
const POOL_BY = ['service', 'pod', 'target'];
/** The MySQL cluster's own namespace, where MOCO's mysqld_exporter runs. */
const MYSQL = 'namespace=~"$db_namespace"';

/** Query latency by target (primary, replica, fallback), pools, replication and fail-over. */
export const databaseRow: Row = {
  title: 'Database: latency, pools, replication',
  panels: [
    timeseries({
      title: 'Query latency p50 / p99 by target',
      description: 'Kysely’s own timing of every query, by the database it went to.',
      unit: 's',
      min: 0,
      queries: [0.5, 0.99].map((q) => ({
        expr: quantile(q, ['service', 'target'], queryBuckets, RATE),
        legend: `{{service}} {{target}} p${Math.round(q * 100)}`,
      })),
    }),
    timeseries({
      title: 'Queries per second by target and statement',
      description: 'The statement is its first keyword (select, insert, …): never the SQL.',
      unit: 'ops',
      min: 0,
      queries: [
        {
          expr: sumRate(
            ['service', 'target', 'operation'],
            selector(`${METRICS.dbQueryDuration}_count`, APP),
            RATE,
          ),
          legend: '{{service}} {{target}} {{operation}}',
        },
      ],
    }),
    timeseries({
      title: 'Connection pool saturation',
      description:
        'Connections in use over the pool’s limit (DB_POOL_SIZE), and requests waiting for one: waiting at all means saturated.',
      unit: 'percentunit',
      min: 0,
      queries: [
        {
          expr: `sum by (${POOL_BY.join(', ')}) (${selector(METRICS.dbPoolConnections, APP, 'state="used"')})\n/ sum by (${POOL_BY.join(', ')}) (${selector(METRICS.dbPoolMaxConnections, APP)})`,
          legend: '{{pod}} {{target}} used',
        },
        {
          expr: `sum by (${POOL_BY.join(', ')}) (${selector(METRICS.dbPoolConnections, APP, 'state="waiting"')})`,
          legend: '{{pod}} {{target}} waiting',
        },
      ],
    }),
    timeseries({
      title: 'Replica lag',
      description:
        'How far the replica trails the primary, from the heartbeat row (catalog-read). Gaps: unknown (replica unreachable or the primary’s heartbeat stale).',
      unit: 's',
      min: 0,
      queries: [{ expr: `max by (pod) (${selector(METRICS.replicaLag, APP)})`, legend: '{{pod}}' }],
    }),
    timeseries({
      title: 'Reading from the fallback (primary)',
      description: '1 while a catalog-read pod reads from the primary because the replica is down or lags.',
      unit: 'short',
      min: 0,
      max: 1,
      queries: [{ expr: `max by (pod) (${selector(METRICS.fallbackActive, APP)})`, legend: '{{pod}}' }],
    }),
    timeseries({
      title: 'MySQL servers (mysqld_exporter)',
      description:
        'Each MOCO instance: up, and connections in use over max_connections. The replica lag above is the applications’ own measure.',
      unit: 'percentunit',
      min: 0,
      queries: [
        { expr: `max by (pod) (mysql_up{${MYSQL}})`, legend: '{{pod}} up' },
        {
          expr: `max by (pod) (mysql_global_status_threads_connected{${MYSQL}})\n/ max by (pod) (mysql_global_variables_max_connections{${MYSQL}})`,
          legend: '{{pod}} connections used',
        },
      ],
    }),
  ],
};
