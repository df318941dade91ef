import { setTimeout as sleep } from 'node:timers/promises';
import { describeRun, type LoadResult, runLoad } from './autocannon.js';
import type { BenchConfig } from './config.js';
import { type ScenarioSummary, summarizeScenario } from './report.js';

/** Idle time between runs, so one run's closing connections do not overlap the next. */
export const SETTLE_MS = 300;

/** One closed-loop scenario: a GET with its headers against one server process. */
export interface LoadScenario<Id extends string = string> {
  readonly id: Id;
  readonly name: string;
  /** What is requested of whom, for the report. */
  readonly request: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expectStatus: number;
  readonly serverPid: number;
  /** A process the server calls for every request (its CPU is reported as the upstream's). */
  readonly upstreamPid?: number;
}

/**
 * The scenarios of a round: `order` in odd rounds and reversed in even ones, so a machine that speeds
 * up or slows down during a round favours neither side of a pair run next to each other. (These
 * machines change speed in bursts of seconds.)
 */
export function roundOrder<S>(round: number, order: readonly S[]): S[] {
  return round % 2 === 1 ? [...order] : [...order].reverse();
}

export interface RoundsOptions<S extends LoadScenario> {
  readonly config: BenchConfig;
  readonly signal: AbortSignal;
  log(message: string): void;
  /** The scenarios in the order of round 1; put the two runs of a ratio next to each other. */
  readonly order: readonly S[];
  /** Called after every run, warm-up included (e.g. to count the requests a process answered). */
  onRun?(scenario: S, result: LoadResult): void;
}

/** One bounded run of a scenario with the configured connections. */
export function loadScenario(
  scenario: LoadScenario,
  durationS: number,
  title: string,
  { config, signal }: Pick<RoundsOptions<LoadScenario>, 'config' | 'signal'>,
): Promise<LoadResult> {
  return runLoad({
    title,
    url: scenario.url,
    connections: config.connections,
    durationS,
    headers: scenario.headers,
    expectStatus: scenario.expectStatus,
    serverPid: scenario.serverPid,
    ...(scenario.upstreamPid === undefined ? {} : { upstreamPid: scenario.upstreamPid }),
    signal,
  });
}

/** The warm-up: BENCH_WARMUP_S of load per scenario, not measured (0 skips it). */
export async function warmUp<S extends LoadScenario>(options: RoundsOptions<S>): Promise<void> {
  const { config, log, order } = options;
  if (config.warmupS <= 0) return;
  log(`warm-up: ${config.warmupS} s per scenario (not measured)`);
  for (const scenario of order) {
    const result = await loadScenario(scenario, config.warmupS, `warm-up (${scenario.id})`, options);
    options.onRun?.(scenario, result);
    await sleep(SETTLE_MS);
  }
}

/** BENCH_ROUNDS alternating rounds of BENCH_DURATION_S per scenario: every scenario's runs, in order. */
export async function runRounds<S extends LoadScenario>(
  options: RoundsOptions<S>,
): Promise<Map<S['id'], LoadResult[]>> {
  const { config, log, order } = options;
  const results = new Map<S['id'], LoadResult[]>(order.map((s) => [s.id, []]));
  for (let round = 1; round <= config.rounds; round++) {
    for (const scenario of roundOrder(round, order)) {
      const result = await loadScenario(
        scenario,
        config.durationS,
        `round ${round} (${scenario.id})`,
        options,
      );
      results.get(scenario.id)!.push(result);
      options.onRun?.(scenario, result);
      log(`round ${round}/${config.rounds} (${scenario.id}) ${scenario.name}: ${describeRun(result)}`);
      await sleep(SETTLE_MS);
    }
  }
  return results;
}

/** Every scenario's medians over its rounds, in the order given. */
export function summarizeRounds<S extends LoadScenario>(
  scenarios: readonly S[],
  results: ReadonlyMap<S['id'], LoadResult[]>,
): ScenarioSummary[] {
  return scenarios.map((s) => summarizeScenario(s.id, s.name, s.request, results.get(s.id)!));
}
