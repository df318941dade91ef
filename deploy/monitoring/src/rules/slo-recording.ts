import { METRICS } from '@mystore/service-contract';
import { NOT_PROBES, ratioOrZero, selector, sumRate } from '../promql.js';
import {
  AVAILABILITY,
  COMPLIANCE_PERIOD,
  CUSTOMER_PATH,
  errorBudget,
  LATENCY,
  LATENCY_THRESHOLDS,
  SLI_WINDOWS,
  SLOS,
  type SliWindow,
} from '../slos.js';
import type { RecordingRule } from './types.js';

const BY = ['namespace', 'service'] as const;
const CUSTOMER_SERVICES = `service=~"${CUSTOMER_PATH.join('|')}"`;
const requests = selector(`${METRICS.httpRequestDuration}_count`, CUSTOMER_SERVICES, NOT_PROBES);

/** The SLI's error ratio over a window, per service: `slo:sli_error:ratio_rate<window>`. */
/** The recorded error budget of each customer-path service and SLO (`errorBudget`). */
export const ERROR_BUDGET_RECORD = 'slo:error_budget:ratio';

export function sliErrorRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** Share of customer-path requests answered with a 5xx. */
function availabilityErrors(window: SliWindow): string {
  const serverErrors = selector(
    `${METRICS.httpRequestDuration}_count`,
    CUSTOMER_SERVICES,
    NOT_PROBES,
    'status_code=~"5.."',
  );
  return ratioOrZero(sumRate(BY, serverErrors, window), sumRate(BY, requests, window));
}

/** Share of customer-path requests slower than their service's threshold (one histogram bucket each). */
function latencyErrors(window: SliWindow): string {
  const fastEnough = Object.entries(LATENCY_THRESHOLDS)
    .map(
      ([service, seconds]) =>
        `rate(${selector(`${METRICS.httpRequestDuration}_bucket`, `service="${service}"`, NOT_PROBES, `le="${seconds}"`)}[${window}])`,
    )
    .join(' or ');
  return `1 - (sum by (${BY.join(', ')}) (${fastEnough}) / (${sumRate(BY, requests, window)} > 0))`;
}

/**
 * Recording rules of the customer-path SLOs: each SLI's error ratio over every alert window, its
 * average over the compliance period (from the 5-minute ratio, as a 30-day range over raw histograms
 * would be costly), and each SLO's error budget as a series the dashboard divides by.
 */
export function sloRecordingRules(): RecordingRule[] {
  const ratios = SLI_WINDOWS.flatMap((window) => [
    { record: sliErrorRecord(window), expr: availabilityErrors(window), labels: { slo: AVAILABILITY.name } },
    { record: sliErrorRecord(window), expr: latencyErrors(window), labels: { slo: LATENCY.name } },
  ]);
  const period: RecordingRule = {
    record: sliErrorRecord(COMPLIANCE_PERIOD),
    expr: `avg_over_time(${sliErrorRecord('5m')}[${COMPLIANCE_PERIOD}])`,
  };
  const budgets = SLOS.flatMap((slo) =>
    CUSTOMER_PATH.map((service) => ({
      record: ERROR_BUDGET_RECORD,
      expr: `vector(${errorBudget(slo)})`,
      labels: { service, slo: slo.name },
    })),
  );
  return [...ratios, period, ...budgets];
}
