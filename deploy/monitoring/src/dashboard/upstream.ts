import { METRICS } from '@mystore/service-contract';
import { quantile, selector, sumRate } from '../promql.js';
import { APP, RATE, timeseries } from './panels.js';
import type { Row } from './rows.js';

/** The web apps' calls to the APIs: the storefront to catalog-read, the console to admin-write. */
export const upstreamRow: Row = {
  title: 'Web apps: calls to the APIs',
  panels: [
    timeseries({
      title: 'Upstream calls per second by outcome',
      description:
        'By operation (products, list, …) and outcome: a status code, or the web app’s word for it (not_modified, timeout, failed, error).',
      unit: 'reqps',
      min: 0,
      queries: [
        {
          expr: sumRate(
            ['service', 'upstream', 'operation', 'outcome'],
            selector(`${METRICS.upstreamRequestDuration}_count`, APP),
            RATE,
          ),
          legend: '{{service}} → {{upstream}} {{operation}} {{outcome}}',
        },
      ],
    }),
    timeseries({
      title: 'Upstream latency p95 by operation',
      description: 'How long the API took to answer, as the web app saw it.',
      unit: 's',
      min: 0,
      queries: [
        {
          expr: quantile(
            0.95,
            ['service', 'upstream', 'operation'],
            selector(`${METRICS.upstreamRequestDuration}_bucket`, APP),
            RATE,
          ),
          legend: '{{service}} → {{upstream}} {{operation}}',
        },
      ],
    }),
    timeseries({
      title: 'Upstream errors per second by reason',
      description: 'timeout, connection (refused, reset, DNS), server_error (a 5xx answer), other.',
      unit: 'ops',
      width: 24,
      min: 0,
      queries: [
        {
          expr: sumRate(['service', 'upstream', 'reason'], selector(METRICS.upstreamErrors, APP), RATE),
          legend: '{{service}} → {{upstream}} {{reason}}',
        },
      ],
    }),
  ],
};
