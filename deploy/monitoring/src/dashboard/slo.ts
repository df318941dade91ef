import { ERROR_BUDGET_RECORD, sliErrorRecord } from '../rules/slo-recording.js';
import { AVAILABILITY, COMPLIANCE_PERIOD, LATENCY, percent } from '../slos.js';
import { stat, timeseries } from './panels.js';
import type { Row } from './rows.js';

const NAMESPACE = 'namespace="$namespace"';
const BUDGET = `on (service, slo) group_left ${ERROR_BUDGET_RECORD}`;

/** The customer-path SLOs, from the recording rules: what is left of each budget, how fast it burns. */
export const sloRow: Row = {
  title: 'SLOs: storefront and public API',
  panels: [
    stat({
      title: `Availability, ${COMPLIANCE_PERIOD} (objective ${percent(AVAILABILITY.objective)})`,
      description: `Share of requests answered without a 5xx over ${COMPLIANCE_PERIOD}.`,
      unit: 'percentunit',
      decimals: 3,
      queries: [
        {
          expr: `1 - ${sliErrorRecord(COMPLIANCE_PERIOD)}{${NAMESPACE}, slo="${AVAILABILITY.name}"}`,
          legend: '{{service}}',
        },
      ],
      thresholds: [
        { value: null, color: 'red' },
        { value: AVAILABILITY.objective, color: 'green' },
      ],
    }),
    stat({
      title: `Latency, ${COMPLIANCE_PERIOD} (objective ${percent(LATENCY.objective)})`,
      description: `Share of requests answered within the service’s threshold over ${COMPLIANCE_PERIOD}.`,
      unit: 'percentunit',
      decimals: 2,
      queries: [
        {
          expr: `1 - ${sliErrorRecord(COMPLIANCE_PERIOD)}{${NAMESPACE}, slo="${LATENCY.name}"}`,
          legend: '{{service}}',
        },
      ],
      thresholds: [
        { value: null, color: 'red' },
        { value: LATENCY.objective, color: 'green' },
      ],
    }),
    stat({
      title: `Error budget left, ${COMPLIANCE_PERIOD}`,
      description: '1 = untouched, 0 = spent; below 0 the objective is missed.',
      unit: 'percentunit',
      width: 12,
      decimals: 1,
      queries: [
        {
          expr: `1 - (${sliErrorRecord(COMPLIANCE_PERIOD)}{${NAMESPACE}} / ${BUDGET})`,
          legend: '{{service}} {{slo}}',
        },
      ],
      thresholds: [
        { value: null, color: 'red' },
        { value: 0.25, color: 'orange' },
        { value: 0.5, color: 'green' },
      ],
    }),
    timeseries({
      title: 'Burn rate (1 h and 6 h)',
      description:
        '1 spends the budget in exactly 30 days. The fast-burn page fires above 14.4 (1 h, with 5 m) or 6 (6 h, with 30 m).',
      unit: 'short',
      width: 24,
      min: 0,
      queries: ['1h', '6h'].map((window) => ({
        expr: `${sliErrorRecord(window)}{${NAMESPACE}} / ${BUDGET}`,
        legend: `{{service}} {{slo}} ${window}`,
      })),
    }),
  ],
};
