import { METRICS } from '@mystore/service-contract';
import { quantile, selector, sumRate } from '../promql.js';
import { APP, RATE, timeseries } from './panels.js';
import type { Row } from './rows.js';

/** The web apps' calls to the APIs: the storefront to catalog-read, the console to admin-write. */
export const upstreamRow: Row = {
  title: 'Web apps: calls to the APIs',
  panels: [
    timeseries({
      title: 'Upstream calls per second by status',
      description: 'status_code "error": no answer at all (timeout, refused or reset connection).',
      unit: 'reqps',
      min: 0,
      queries: [
        {
          expr: sumRate(
            ['service', 'upstream', 'status_code'],
            selector(`${METRICS.upstreamRequestDuration}_count`, APP),
            RATE,
          ),
          legend: '{{service}} → {{upstream}} {{status_code}}',
        },
      ],
    }),
    timeseries({
      title: 'Upstream latency p95',
      description: 'Until the API’s answer headers arrived, as the web app saw it.',
      unit: 's',
      min: 0,
      queries: [
        {
          expr: quantile(
            0.95,
            ['service', 'upstream'],
            selector(`${METRICS.upstreamRequestDuration}_bucket`, APP),
            RATE,
          ),
          legend: '{{service}} → {{upstream}}',
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
