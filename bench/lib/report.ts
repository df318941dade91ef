import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LoadResult, runProblems } from './autocannon.js';
import type { BenchConfig } from './config.js';
import { REPO_ROOT } from './config.js';
import { median, relativeSpread, round } from './stats.js';

/** One scenario measured over the alternating rounds. */
export interface ScenarioSummary {
  /** Short id used in ratios: `a`, `b`… */
  readonly id: string;
  readonly name: string;
  /** What was requested of whom, for the reader. */
  readonly request: string;
  readonly rounds: readonly LoadResult[];
  readonly median: {
    readonly reqPerSec: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly serverCpuPct?: number;
    /**
     * The server's CPU time per response in µs (median over the rounds). Unlike req/s it does not
     * depend on which side was the limit, so it shows how fast the machine was: the same work needs
     * more of it while the machine is slow.
     */
    readonly serverCpuUsPerRequest?: number;
    readonly loadGenCpuPct: number;
    /** Everything else on the machine (databases, other processes), in % of one core. */
    readonly otherCpuPct?: number;
  };
  /** (max − min) / median of req/s over the rounds. */
  readonly reqPerSecSpread: number;
  /** Anything that makes the numbers suspect (errors, unexpected statuses). */
  readonly problems: readonly string[];
}

/** The server's CPU time per response in µs, when the run measured the server's CPU. */
export function serverCpuPerResponse(run: LoadResult): number | undefined {
  return run.serverCpuPct === undefined || run.reqPerSec <= 0
    ? undefined
    : (run.serverCpuPct * 1e4) / run.reqPerSec;
}

/** A scenario's medians over its rounds, with each round's problems (errors, unexpected statuses). */
export function summarizeScenario(
  id: string,
  name: string,
  request: string,
  rounds: readonly LoadResult[],
): ScenarioSummary {
  const problems = rounds.flatMap((run, i) => runProblems(run).map((p) => `round ${i + 1}: ${p}`));
  const cpu = rounds.map((r) => r.serverCpuPct).filter((v): v is number => v !== undefined);
  const cpuPerRequest = rounds.map(serverCpuPerResponse).filter((v): v is number => v !== undefined);
  const other = rounds
    .map((r) =>
      r.machineCpuPct === undefined || r.serverCpuPct === undefined
        ? undefined
        : Math.max(0, r.machineCpuPct - r.serverCpuPct - r.loadGenCpuPct),
    )
    .filter((v): v is number => v !== undefined);
  return {
    id,
    name,
    request,
    rounds,
    median: {
      reqPerSec: round(median(rounds.map((r) => r.reqPerSec)), 1),
      p50Ms: round(median(rounds.map((r) => r.latencyMs.p50)), 3),
      p99Ms: round(median(rounds.map((r) => r.latencyMs.p99)), 3),
      ...(cpu.length > 0 ? { serverCpuPct: round(median(cpu), 0) } : {}),
      ...(cpuPerRequest.length > 0 ? { serverCpuUsPerRequest: round(median(cpuPerRequest), 1) } : {}),
      loadGenCpuPct: round(median(rounds.map((r) => r.loadGenCpuPct)), 0),
      ...(other.length > 0 ? { otherCpuPct: round(median(other), 0) } : {}),
    },
    reqPerSecSpread: round(relativeSpread(rounds.map((r) => r.reqPerSec)), 3),
    problems,
  };
}

/** A number compared with a target; `pass` undefined means "for information". */
export interface Check {
  readonly name: string;
  readonly value: number;
  readonly display: string;
  readonly target?: string;
  readonly pass?: boolean;
}

/** A ratio as a check, with an optional "at least" target. */
export function ratioCheck(name: string, value: number, target?: number): Check {
  return {
    name,
    value: round(value, 3),
    display: value.toFixed(2),
    ...(target === undefined ? {} : { target: `≥ ${target}`, pass: value >= target }),
  };
}

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly note?: string;
}

export interface SuiteReport {
  readonly suite: string;
  readonly title: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallTimeS: number;
  readonly environment: Readonly<Record<string, string | number>>;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly scenarios: readonly ScenarioSummary[];
  readonly checks: readonly Check[];
  readonly tables: readonly Table[];
  readonly notes: readonly string[];
  /** Raw numbers kept in the JSON for later comparison; not rendered. */
  readonly details?: Readonly<Record<string, unknown>>;
}

function packageVersion(name: string): string {
  try {
    const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function mariadbVersion(): string {
  try {
    return execFileSync('mariadbd', ['--version'], { encoding: 'utf8', timeout: 5_000 })
      .trim()
      .replace(/^.*Ver\s+/, '')
      .split(/\s+/)[0]!;
  } catch {
    return 'unknown';
  }
}

/** What the numbers were measured on. */
export function describeEnvironment(): Record<string, string | number> {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    loadAverageAtStart: round(os.loadavg()[0] ?? 0, 2),
    node: process.version,
    fastify: packageVersion('fastify'),
    autocannon: packageVersion('autocannon'),
    mariadb: mariadbVersion(),
  };
}

export function benchSettings(config: BenchConfig): Record<string, string | number | boolean> {
  return {
    durationS: config.durationS,
    rounds: config.rounds,
    connections: config.connections,
    warmupS: config.warmupS,
  };
}

const fmt = (value: number | undefined, digits = 2): string =>
  value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);

function markdownTable(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cellText = (cell: string | number) => String(cell).replaceAll('|', '\\|');
  return [
    `| ${columns.map(cellText).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    // A row shorter than the header is padded, so a mistake shows as a dash rather than a broken table.
    ...rows.map((row) => {
      const cells = columns.map((_, i) => row[i] ?? '–');
      return `| ${cells.map(cellText).join(' | ')} |`;
    }),
  ].join('\n');
}

export function renderMarkdown(report: SuiteReport): string {
  const env = report.environment;
  const settings = Object.entries(report.settings)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const lines = [
    `## ${report.title}`,
    '',
    `${report.startedAt} · ${report.wallTimeS.toFixed(0)} s · ${env.cpu} (${env.cores} cores, ${env.memoryGiB} GiB, ` +
      `load ${env.loadAverageAtStart} at start) · ` +
      `Node ${env.node} · Fastify ${env.fastify} · autocannon ${env.autocannon} · MariaDB ${env.mariadb}`,
    '',
    `Settings: ${settings}.${report.scenarios.length > 0 ? ' Medians over the rounds; latencies in ms.' : ''}`,
    '',
  ];
  if (report.scenarios.length > 0) {
    lines.push(
      markdownTable(
        [
          'scenario',
          'req/s',
          'p50 ms',
          'p99 ms',
          'req/s per round',
          'spread',
          'server CPU',
          'server µs/req',
          'loadgen CPU',
          'other CPU',
        ],
        report.scenarios.map((s) => [
          `(${s.id}) ${s.name}`,
          s.median.reqPerSec.toFixed(0),
          fmt(s.median.p50Ms, 3),
          fmt(s.median.p99Ms, 3),
          s.rounds.map((r) => r.reqPerSec.toFixed(0)).join(' / '),
          `${(s.reqPerSecSpread * 100).toFixed(0)}%`,
          s.median.serverCpuPct === undefined ? '–' : `${s.median.serverCpuPct}%`,
          s.median.serverCpuUsPerRequest === undefined ? '–' : s.median.serverCpuUsPerRequest.toFixed(1),
          `${s.median.loadGenCpuPct}%`,
          s.median.otherCpuPct === undefined ? '–' : `${s.median.otherCpuPct}%`,
        ]),
      ),
      '',
    );
  }
  if (report.checks.length > 0) {
    lines.push(
      markdownTable(
        ['check', 'value', 'target', 'met'],
        report.checks.map((c) => [
          c.name,
          c.display,
          c.target ?? '–',
          c.pass === undefined ? 'info' : c.pass ? 'yes' : '**NO**',
        ]),
      ),
      '',
    );
  }
  for (const table of report.tables) {
    lines.push(`**${table.title}**`, '', markdownTable(table.columns, table.rows), '');
    if (table.note) lines.push(table.note, '');
  }
  const problems = report.scenarios.flatMap((s) => s.problems.map((p) => `(${s.id}) ${p}`));
  if (problems.length > 0) lines.push('**Problems**', '', ...problems.map((p) => `- ${p}`), '');
  if (report.notes.length > 0) lines.push('**Notes**', '', ...report.notes.map((n) => `- ${n}`), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `2026-05-01T12-34-56Z`: sortable and safe in file names. */
export function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

/**
 * Writes `<suite>-<stamp>.json` and `.md` per suite, and `latest.md` with every suite of this run.
 * Returns the paths written.
 */
export function writeResults(dir: string, reports: readonly SuiteReport[], startedAt: Date): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = fileStamp(startedAt);
  const written: string[] = [];
  const sections: string[] = [];
  for (const report of reports) {
    const base = path.join(dir, `${report.suite}-${stamp}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = renderMarkdown(report);
    writeFileSync(`${base}.md`, `# npm run bench: ${report.suite}\n\n${markdown}`);
    written.push(`${base}.json`, `${base}.md`);
    sections.push(markdown);
  }
  const latest = path.join(dir, 'latest.md');
  writeFileSync(latest, `# npm run bench: latest results\n\n${sections.join('\n')}`);
  written.push(latest);
  return written;
}
