import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** (max − min) / median: how far apart the rounds were, as a fraction of the reported value. */
export function relativeSpread(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mid = median(values);
  return mid === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / mid;
}

export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

/**
 * The median over rounds of numerator[i] / denominator[i]. Rounds alternate between scenarios, so a
 * round's two runs are seconds apart and share whatever else the machine was doing; the ratio within
 * a round cancels that out, where a ratio of two medians taken from different rounds does not.
 */
export function pairedRatio(numerators: readonly number[], denominators: readonly number[]): number {
  if (numerators.length !== denominators.length) throw new RangeError('paired lists differ in length');
  return median(numerators.map((value, index) => ratio(value, denominators[index] as number)));
}

/** Rounds to `digits` decimals (for compact JSON). */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A histogram of latencies in microseconds, wide enough for any run here (1 µs .. 120 s). */
export function microsecondHistogram(): RecordableHistogram {
  return createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });
}

/** p50/p90/p99/p99.9/max/mean in milliseconds (µs resolution); NaN for an empty histogram. */
export function latencySummaryMs(histogram: RecordableHistogram) {
  const ms = (us: number) => (histogram.count ? round(us / 1000, 3) : Number.NaN);
  return {
    p50: ms(histogram.percentile(50)),
    p90: ms(histogram.percentile(90)),
    p99: ms(histogram.percentile(99)),
    p999: ms(histogram.percentile(99.9)),
    max: ms(histogram.max),
    mean: ms(histogram.mean),
  };
}
