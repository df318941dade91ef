import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assertLoopback, runCommand } from './processes.js';
import { median } from './stats.js';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The metrics behind the performance score, in the report's units (ms; CLS unitless). */
export const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

/**
 * Headless Chromium as root in a container: no sandbox (it needs user namespaces), /tmp instead of a
 * small /dev/shm. Lighthouse's own defaults (mobile emulation, simulated throttling) stay as they are.
 */
export const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'];

/** What one Lighthouse run gives: scores 0..100, metric values, and the audits it marks as failing. */
export interface LighthouseRun {
  readonly scores: Readonly<Record<Category, number>>;
  readonly metrics: Readonly<Record<string, number>>;
  /** Audits below 0.9 that count towards a score, and opportunities: id → title and displayed value. */
  readonly findings: Readonly<Record<string, string>>;
  /**
   * Lighthouse's measure of the machine's speed (a typical desktop scores 1000–2500). Simulated
   * throttling multiplies the main-thread time observed here by 4, so a slow or busy machine inflates
   * Total Blocking Time whatever the page does.
   */
  readonly benchmarkIndex: number;
}

interface LighthouseJson {
  readonly categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  readonly audits: Record<
    string,
    {
      title: string;
      score: number | null;
      scoreDisplayMode: string;
      displayValue?: string;
      numericValue?: number;
    }
  >;
  readonly runtimeError?: { code: string; message: string };
  readonly environment: { benchmarkIndex: number };
}

const require = createRequire(import.meta.url);

/**
 * One run of Lighthouse's CLI (default mobile settings) against `url` with the given Chromium; its full
 * JSON report is written to `output` (for the details behind a score).
 */
export async function runLighthouse(url: string, chromePath: string, output: string): Promise<LighthouseRun> {
  assertLoopback(url);
  const cli = path.join(path.dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');
  process.env.CHROME_PATH = chromePath;
  await runCommand(process.execPath, [
    cli,
    url,
    '--quiet',
    '--output=json',
    `--output-path=${output}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
  ]);
  return summarizeReport(JSON.parse(await readFile(output, 'utf8')) as LighthouseJson);
}

function summarizeReport(report: LighthouseJson): LighthouseRun {
  if (report.runtimeError) {
    throw new Error(`Lighthouse: ${report.runtimeError.code}: ${report.runtimeError.message}`);
  }
  const scores = Object.fromEntries(
    CATEGORIES.map((category) => {
      const score = report.categories[category]?.score;
      if (score === null || score === undefined) throw new Error(`Lighthouse gave no ${category} score`);
      return [category, Math.round(score * 100)];
    }),
  ) as Record<Category, number>;
  const metrics = Object.fromEntries(
    METRICS.map((id) => [id, report.audits[id]?.numericValue ?? Number.NaN]),
  );
  const counted = new Set(
    CATEGORIES.flatMap((category) =>
      (report.categories[category]?.auditRefs ?? []).filter((ref) => ref.weight > 0).map((ref) => ref.id),
    ),
  );
  const findings = Object.entries(report.audits)
    .filter(([id, audit]) => {
      const scored = audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric';
      const opportunity = audit.scoreDisplayMode === 'metricSavings';
      return (
        (counted.has(id) || opportunity) &&
        (scored || opportunity) &&
        audit.score !== null &&
        audit.score < 0.9
      );
    })
    .map(([id, audit]) => [id, `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`]);
  return {
    scores,
    metrics,
    findings: Object.fromEntries(findings),
    benchmarkIndex: report.environment.benchmarkIndex,
  };
}

/** Medians over runs of each score and metric. */
export function medianRun(runs: readonly LighthouseRun[]) {
  return {
    scores: Object.fromEntries(
      CATEGORIES.map((c) => [c, median(runs.map((run) => run.scores[c]))]),
    ) as Record<Category, number>,
    metrics: Object.fromEntries(
      METRICS.map((id) => [id, median(runs.map((run) => run.metrics[id] ?? Number.NaN))]),
    ),
    benchmarkIndex: median(runs.map((run) => run.benchmarkIndex)),
  };
}
