import { METRICS } from '@mystore/service-contract';
import { NOT_PROBES, quantile, ratioOrZero, selector, sumRate } from '../promql.js';
import { APP, RATE, timeseries } from './panels.js';
import type { Row } from './rows.js';

const requests = selector(`${METRICS.httpRequestDuration}_count`, APP, NOT_PROBES);
const buckets = selector(`${METRICS.httpRequestDuration}_bucket`, APP, NOT_PROBES);
const serverErrors = selector(`${METRICS.httpRequestDuration}_count`, APP, NOT_PROBES, 'status_code=~"5.."');

/** Requests, errors and latency per service (probes left out: they say nothing about customers). */
export const trafficRow: Row = {
  title: 'Traffic, errors and latency',
  panels: [
    timeseries({
      title: 'Requests per second',
      description: 'Every answered request but Kubernetes probes, per service.',
      unit: 'reqps',
      min: 0,
      queries: [{ expr: sumRate(['service'], requests, RATE), legend: '{{service}}' }],
    }),
    timeseries({
      title: 'Server errors (share of requests answered 5xx)',
      description: 'What the availability SLO counts as bad, per service. 0 when there were none.',
      unit: 'percentunit',
      min: 0,
      queries: [
        {
          expr: ratioOrZero(sumRate(['service'], serverErrors, RATE), sumRate(['service'], requests, RATE)),
          legend: '{{service}}',
        },
      ],
    }),
    timeseries({
      title: 'Responses by status code',
      description:
        '4xx are the clients’ mistakes (bad parameters, unknown ids, refused tokens); 5xx are ours.',
      unit: 'reqps',
      min: 0,
      queries: [
        { expr: sumRate(['service', 'status_code'], requests, RATE), legend: '{{service}} {{status_code}}' },
      ],
    }),
    timeseries({
      title: 'Latency p50 / p95 / p99',
      description: 'From the request histogram (buckets from 0.5 ms to 5 s), per service.',
      unit: 's',
      min: 0,
      queries: [0.5, 0.95, 0.99].map((q) => ({
        expr: quantile(q, ['service'], buckets, RATE),
        legend: `{{service}} p${Math.round(q * 100)}`,
      })),
    }),
    timeseries({
      title: 'Latency p95 by route',
      description: 'Which route is slow: the route pattern, never the URL.',
      unit: 's',
      width: 24,
      min: 0,
      queries: [
        { expr: quantile(0.95, ['service', 'route'], buckets, RATE), legend: '{{service}} {{route}}' },
      ],
    }),
  ],
};
