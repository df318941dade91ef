import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/ → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = path.join(REPO_ROOT, 'bench');

/** Settings shared by every suite, from the environment (see bench/README.md). */
export interface BenchConfig {
  /** Seconds per measured run (BENCH_DURATION_S, default 2: see rounds). */
  readonly durationS: number;
  /**
   * Alternating A/B rounds; the median over them is reported (BENCH_ROUNDS, default 15, at least 3).
   * Many short rounds rather than a few long ones: these machines slow down in bursts of several
   * seconds, and a median only outvotes the rounds a burst spoils when most rounds escape it.
   */
  readonly rounds: number;
  /** Concurrent keep-alive connections per run (BENCH_CONNECTIONS, default 20). */
  readonly connections: number;
  /** Seconds of unmeasured load per scenario before round 1: JIT, caches, pools (BENCH_WARMUP_S, default 2). */
  readonly warmupS: number;
  /** Skip `tsc -b` (BENCH_SKIP_BUILD=1): only when build/ is known to be current. */
  readonly skipBuild: boolean;
  /** Run services from their TypeScript sources with tsx instead of build/ (BENCH_FROM_SOURCE=1). */
  readonly fromSource: boolean;
  /** Where the services' stdout (JSON logs) goes: a folder, or /dev/null when unset (BENCH_LOG_DIR). */
  readonly logDir: string | undefined;
  /** Where results are written (BENCH_RESULTS_DIR, default bench/results). */
  readonly resultsDir: string;
}

function number(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  { min, max, integer = true }: { min: number; max: number; integer?: boolean },
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new Error(
      `${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max} (got "${raw}")`,
    );
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  return raw === '1' || raw === 'true' || raw === 'yes';
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    durationS: number(env, 'BENCH_DURATION_S', 2, { min: 1, max: 300 }),
    rounds: number(env, 'BENCH_ROUNDS', 15, { min: 3, max: 50 }),
    connections: number(env, 'BENCH_CONNECTIONS', 20, { min: 1, max: 1000 }),
    warmupS: number(env, 'BENCH_WARMUP_S', 2, { min: 0, max: 120 }),
    skipBuild: flag(env, 'BENCH_SKIP_BUILD'),
    fromSource: flag(env, 'BENCH_FROM_SOURCE'),
    logDir: env.BENCH_LOG_DIR?.trim() ? path.resolve(env.BENCH_LOG_DIR.trim()) : undefined,
    resultsDir: env.BENCH_RESULTS_DIR?.trim()
      ? path.resolve(env.BENCH_RESULTS_DIR.trim())
      : path.join(BENCH_DIR, 'results'),
  };
}
