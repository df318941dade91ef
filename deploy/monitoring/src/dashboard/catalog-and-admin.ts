import { METRICS } from '@mystore/service-contract';
import { selector, sumRate } from '../promql.js';
import { APP, RATE, timeseries } from './panels.js';
import type { Row } from './rows.js';

/** catalog-read's response cache and catalog version; admin-write's refusals, replays and imports. */
export const catalogAndAdminRow: Row = {
  title: 'Cache, catalog version, admin API',
  panels: [
    timeseries({
      title: 'Cache hit ratio',
      description: 'Catalog answers served from the in-process cache (hits) over all cache lookups.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          expr: `${sumRate(['service'], selector(METRICS.cacheRequests, APP, 'result="hit"'), RATE)}\n/ (${sumRate(['service'], selector(METRICS.cacheRequests, APP), RATE)} > 0)`,
          legend: '{{service}}',
        },
      ],
    }),
    timeseries({
      title: 'Cache results per second',
      description:
        'hit, miss (read from the database), stale (served from cache because the database failed).',
      unit: 'ops',
      min: 0,
      queries: [
        { expr: sumRate(['result'], selector(METRICS.cacheRequests, APP), RATE), legend: '{{result}}' },
      ],
    }),
    timeseries({
      title: 'Catalog version per pod',
      description:
        'Every admin write bumps it; all catalog-read pods should follow within lag + the refresh interval.',
      unit: 'short',
      queries: [{ expr: `max by (pod) (${selector(METRICS.catalogVersion, APP)})`, legend: '{{pod}}' }],
    }),
    timeseries({
      title: 'Admin API: refused tokens, replays, imported rows',
      description:
        'Requests refused for a bad token (per minute), POSTs replayed from their Idempotency-Key, imported rows by outcome (per minute).',
      unit: 'short',
      min: 0,
      queries: [
        {
          expr: `60 * ${sumRate(['service'], selector(METRICS.adminAuthFailures, APP), RATE)}`,
          legend: 'refused tokens / min',
        },
        {
          expr: `60 * ${sumRate(['service'], selector(METRICS.idempotentReplays, APP), RATE)}`,
          legend: 'idempotent replays / min',
        },
        {
          expr: `60 * ${sumRate(['result'], selector(METRICS.importRows, APP), RATE)}`,
          legend: 'import rows {{result}} / min',
        },
      ],
    }),
  ],
};
