import { catalogRead, catalogWeb, REQUEST_DURATION_BUCKETS } from '@mystore/service-contract';

/** How long an SLO is measured over: the error budget is spent over this period. */
export const COMPLIANCE_PERIOD = '30d';

/** The SLI windows the burn-rate alerts read (Google SRE workbook, chapter 5). */
export const SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type SliWindow = (typeof SLI_WINDOWS)[number];

/** The customer path: the storefront and the public API it (and mobile clients) read. */
export const CUSTOMER_PATH = [catalogWeb.name, catalogRead.name] as const;

export interface Slo {
  /** The `slo` label of every series and alert of this objective. */
  readonly name: 'availability' | 'latency';
  /** Share of requests that must be good over the compliance period. */
  readonly objective: number;
  readonly description: string;
}

export const AVAILABILITY: Slo = {
  name: 'availability',
  objective: 0.999,
  description: 'requests answered without a server error (5xx)',
};

export const LATENCY: Slo = {
  name: 'latency',
  objective: 0.99,
  description: 'requests answered within the threshold of their service',
};

/**
 * The latency threshold per customer-path service, in seconds: a bucket boundary of the request
 * histogram. The storefront renders a page around a call to the API, so it gets more.
 */
export const LATENCY_THRESHOLDS: Readonly<Record<(typeof CUSTOMER_PATH)[number], number>> = {
  'catalog-web': 0.5,
  'catalog-read': 0.25,
};

for (const threshold of Object.values(LATENCY_THRESHOLDS)) {
  if (!(REQUEST_DURATION_BUCKETS as readonly number[]).includes(threshold)) {
    throw new Error(`latency threshold ${threshold} s is not a bucket of the request histogram`);
  }
}

export const SLOS: readonly Slo[] = [AVAILABILITY, LATENCY];

/** The error budget: the share of requests that may be bad. */
export function errorBudget(slo: Slo): number {
  return Number((1 - slo.objective).toFixed(6));
}

/** A ratio as people read an objective: 0.995 → `99.5%`. */
export function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

export interface BurnRateAlert {
  readonly speed: 'fast' | 'slow';
  readonly severity: 'page' | 'ticket';
  readonly for: string;
  /** Fires when both windows of one pair burn faster than `factor` × the sustainable rate. */
  readonly windows: readonly { long: SliWindow; short: SliWindow; factor: number }[];
}

/**
 * Multi-window, multi-burn-rate alerts as the workbook recommends for a 30-day budget: a page when 2 %
 * of the budget goes in an hour or 5 % in six hours; a ticket when 10 % goes in a day or in three.
 */
export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
  {
    speed: 'fast',
    severity: 'page',
    for: '2m',
    windows: [
      { long: '1h', short: '5m', factor: 14.4 },
      { long: '6h', short: '30m', factor: 6 },
    ],
  },
  {
    speed: 'slow',
    severity: 'ticket',
    for: '15m',
    windows: [
      { long: '1d', short: '2h', factor: 3 },
      { long: '3d', short: '6h', factor: 1 },
    ],
  },
];
