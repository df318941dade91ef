import { setTimeout as sleep } from 'node:timers/promises';
import { describeRun, type LoadResult } from './autocannon.js';

/** Idle time between runs, so one run's closing connections do not overlap the next. */
export const SETTLE_MS = 300;

/**
 * A round's order: `order` in odd rounds, reversed in even ones, so a machine that speeds up or slows
 * down during a round favours neither side of a pair. (These machines change speed in bursts of seconds.)
 */
export function alternate<T>(round: number, order: readonly T[]): T[] {
  return round % 2 === 1 ? [...order] : [...order].reverse();
}

export interface RoundsOptions<S extends { readonly id: string; readonly name: string }> {
  readonly scenarios: readonly S[];
  /** Scenario ids in the order of round 1; later rounds alternate it. */
  readonly order: readonly S['id'][];
  readonly rounds: number;
  /** Seconds of unmeasured load per scenario before round 1; 0 skips it. */
  readonly warmupS: number;
  readonly durationS: number;
  /** One load run of a scenario. */
  load(scenario: S, durationS: number, title: string): Promise<LoadResult>;
  /** Runs after the warm-up, just before round 1 (e.g. to read counters). */
  beforeRounds?(): Promise<void>;
  log(message: string): void;
}

/**
 * The warm-up (every scenario once, not measured), then `rounds` alternating rounds of every scenario;
 * returns each scenario's runs by id, round by round.
 */
export async function runAlternatingRounds<S extends { readonly id: string; readonly name: string }>(
  options: RoundsOptions<S>,
): Promise<Map<S['id'], LoadResult[]>> {
  const { scenarios, log } = options;
  const byId = (id: S['id']) => scenarios.find((scenario) => scenario.id === id)!;
  if (options.warmupS > 0) {
    log(`warm-up: ${options.warmupS} s per scenario (not measured)`);
    for (const scenario of scenarios) {
      await options.load(scenario, options.warmupS, `warm-up (${scenario.id})`);
      await sleep(SETTLE_MS);
    }
  }
  await options.beforeRounds?.();
  const results = new Map<S['id'], LoadResult[]>(scenarios.map((scenario) => [scenario.id, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const scenario of alternate(round, options.order).map(byId)) {
      const result = await options.load(scenario, options.durationS, `round ${round} (${scenario.id})`);
      results.get(scenario.id)!.push(result);
      log(`round ${round}/${options.rounds} (${scenario.id}) ${scenario.name}: ${describeRun(result)}`);
      await sleep(SETTLE_MS);
    }
  }
  return results;
}
