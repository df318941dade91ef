import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/ → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = path.join(REPO_ROOT, 'bench');

interface NumberSetting {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Whole numbers only unless false. */
  readonly integer?: false;
  readonly meaning: string;
}

/** Every numeric BENCH_* variable: its default, its range and what it means (`--help` prints these). */
const NUMBERS = {
  BENCH_DURATION_S: { default: 2, min: 1, max: 300, meaning: 'seconds per measured run' },
  BENCH_ROUNDS: {
    default: 15,
    min: 3,
    max: 50,
    meaning: 'alternating rounds; the median per scenario is reported',
  },
  BENCH_CONNECTIONS: { default: 20, min: 1, max: 1000, meaning: 'keep-alive connections per run' },
  BENCH_WARMUP_S: {
    default: 2,
    min: 0,
    max: 120,
    meaning: 'unmeasured load per scenario before round 1 (0 skips it)',
  },
  BENCH_WRITES: { default: 200, min: 10, max: 100_000, meaning: 'admin-write (w2): paced writes' },
  BENCH_WRITE_RATE: {
    default: 5,
    min: 0.2,
    max: 50,
    integer: false,
    meaning: 'admin-write (w2): writes per second',
  },
  BENCH_WRITE_DURATION_S: { default: 3, min: 1, max: 300, meaning: 'admin-write (w1): seconds per run' },
  BENCH_WRITE_ROUNDS: { default: 3, min: 3, max: 50, meaning: 'admin-write (w1): alternating rounds' },
} as const satisfies Record<string, NumberSetting>;

/** The other variables, for `--help`: name, default, meaning. */
const OTHERS: readonly (readonly [string, string, string])[] = [
  ['BENCH_SKIP_BUILD', 'off', '1: do not run `tsc -b` (only when every build/ is current)'],
  ['BENCH_FROM_SOURCE', 'off', '1: run the services from src/ with tsx instead of build/'],
  ['BENCH_LOG_DIR', '/dev/null', "a folder for the services' JSON logs"],
  ['BENCH_RESULTS_DIR', 'bench/results', 'where the result files go'],
  ['BENCH_STRICT', 'off', '1: exit 1 when a target is missed'],
];

/** Every setting as [name, default, meaning] rows, in the order `--help` lists them. */
export function describeSettings(): (readonly [string, string, string])[] {
  return [
    ...Object.entries(NUMBERS).map(
      ([name, s]) => [name, String(s.default), `${s.meaning} (${s.min}..${s.max})`] as const,
    ),
    ...OTHERS,
  ];
}

/** Settings of every suite, from the environment (see `npm run bench -- --help`). */
export interface BenchConfig {
  readonly durationS: number;
  /**
   * Many short rounds rather than a few long ones: these machines slow down in bursts of several
   * seconds, and a median only outvotes the rounds a burst spoils when most rounds escape it.
   */
  readonly rounds: number;
  readonly connections: number;
  readonly warmupS: number;
  /** admin-write's settings (BENCH_WRITE*). */
  readonly writes: {
    readonly count: number;
    readonly rate: number;
    readonly durationS: number;
    readonly rounds: number;
  };
  readonly skipBuild: boolean;
  readonly fromSource: boolean;
  /** Where the services' stdout (JSON logs) goes: a folder, or /dev/null when unset. */
  readonly logDir: string | undefined;
  readonly resultsDir: string;
}

function number(env: NodeJS.ProcessEnv, name: keyof typeof NUMBERS): number {
  const setting: NumberSetting = NUMBERS[name];
  const raw = env[name]?.trim();
  if (!raw) return setting.default;
  const value = Number(raw);
  const integer = setting.integer !== false;
  if (
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < setting.min ||
    value > setting.max
  ) {
    throw new Error(
      `${name} must be ${integer ? 'an integer' : 'a number'} in ${setting.min}..${setting.max} (got "${raw}")`,
    );
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  return raw === '1' || raw === 'true' || raw === 'yes';
}

function folder(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? path.resolve(raw) : undefined;
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    durationS: number(env, 'BENCH_DURATION_S'),
    rounds: number(env, 'BENCH_ROUNDS'),
    connections: number(env, 'BENCH_CONNECTIONS'),
    warmupS: number(env, 'BENCH_WARMUP_S'),
    writes: {
      count: number(env, 'BENCH_WRITES'),
      rate: number(env, 'BENCH_WRITE_RATE'),
      durationS: number(env, 'BENCH_WRITE_DURATION_S'),
      rounds: number(env, 'BENCH_WRITE_ROUNDS'),
    },
    skipBuild: flag(env, 'BENCH_SKIP_BUILD'),
    fromSource: flag(env, 'BENCH_FROM_SOURCE'),
    logDir: folder(env, 'BENCH_LOG_DIR'),
    resultsDir: folder(env, 'BENCH_RESULTS_DIR') ?? path.join(BENCH_DIR, 'results'),
  };
}
