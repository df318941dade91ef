/**
 * `npm run bench [suite…]`: builds the workspace, runs the named suites (all by default) and writes
 * their results to BENCH_RESULTS_DIR (bench/results/, git-ignored). See bench/README.md.
 */
import { describeSettings, loadBenchConfig } from './lib/config.js';
import { renderMarkdown, type SuiteReport, writeResults } from './lib/report.js';
import { buildWorkspace, type RunMode } from './lib/services.js';
import { suites } from './suites/index.js';

const log = (message: string) => console.log(`[bench] ${message}`);

const USAGE = `Usage: npm run bench [-- [suite…] [--list] [--help]]

Builds the workspace (tsc -b), starts the services in production mode against a private MariaDB
primary + replica, loads them with autocannon on 127.0.0.1 only, prints the tables and writes them
to BENCH_RESULTS_DIR. Without a suite name every suite runs. See bench/README.md.`;

function printHelp(): void {
  const settings = describeSettings();
  const width = (column: 0 | 1) => Math.max(...settings.map((row) => row[column].length));
  console.log(`${USAGE}\n\nSuites:`);
  for (const suite of suites) console.log(`  ${suite.name.padEnd(14)} ${suite.description}`);
  console.log('\nSettings (environment variable, default, meaning):');
  for (const [name, fallback, meaning] of settings) {
    console.log(`  ${name.padEnd(width(0))}  ${fallback.padEnd(width(1))}  ${meaning}`);
  }
}

const OPTIONS = new Set(['--help', '-h', '--list']);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const badOptions = args.filter((arg) => arg.startsWith('-') && !OPTIONS.has(arg));
  if (badOptions.length > 0) {
    console.error(`[bench] unknown option(s): ${badOptions.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    printHelp();
    return 0;
  }
  if (args.includes('--list')) {
    for (const suite of suites) console.log(`${suite.name}\t${suite.description}`);
    return 0;
  }
  const config = loadBenchConfig();
  const unknown = args.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    console.error(
      `[bench] unknown suite(s): ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const selected = args.length > 0 ? suites.filter((suite) => args.includes(suite.name)) : suites;

  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      // Second Ctrl-C: leave now; the exit hooks SIGKILL every child still running.
      console.error('[bench] forced exit');
      process.exit(130);
    }
    console.error(`[bench] ${signal}: stopping the current run and cleaning up (again to force)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const startedAt = new Date();
  const notes: string[] = [];
  let mode: RunMode = config.fromSource ? 'source' : 'build';
  if (config.fromSource) {
    notes.push('BENCH_FROM_SOURCE=1: services ran from their TypeScript sources with tsx, not from build/.');
  } else if (config.skipBuild) {
    notes.push('BENCH_SKIP_BUILD=1: services ran from the existing build/ without rebuilding.');
  } else {
    log('building: npx tsc -b');
    try {
      const ms = await buildWorkspace();
      log(`build done in ${(ms / 1000).toFixed(1)} s`);
    } catch (error) {
      mode = 'source';
      const message = `tsc -b failed (${(error as Error).message}); services ran from their sources with tsx`;
      console.error(`[bench] ${message}`);
      notes.push(message);
    }
  }

  const reports: SuiteReport[] = [];
  for (const suite of selected) {
    controller.signal.throwIfAborted();
    log(`suite ${suite.name}: ${suite.description}`);
    reports.push(await suite.run({ config, signal: controller.signal, mode, notes, log }));
  }

  const written = writeResults(config.resultsDir, reports, startedAt);
  for (const report of reports) console.log(`\n${renderMarkdown(report)}`);
  log(`results: ${written.map((file) => file.replace(`${process.cwd()}/`, '')).join(', ')}`);
  log(`total time ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`);
  const missed = reports.flatMap((r) =>
    r.checks.filter((c) => c.pass === false).map((c) => `${r.suite}: ${c.name}`),
  );
  if (missed.length > 0) {
    log(`targets missed: ${missed.join('; ')}`);
    if (process.env.BENCH_STRICT === '1') return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const interrupted = error instanceof Error && error.message.startsWith('interrupted by');
    console.error(`[bench] ${interrupted ? error.message : ((error as Error).stack ?? String(error))}`);
    process.exit(interrupted ? 130 : 1);
  },
);
