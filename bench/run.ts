/**
 * `npm run bench [suite…]`: builds the workspace, runs the named suites (all by default) and writes
 * their results to bench/results/. See bench/README.md.
 */
import { loadBenchConfig } from './lib/config.js';
import { renderMarkdown, type SuiteReport, writeResults } from './lib/report.js';
import { buildWorkspace, type RunMode } from './lib/services.js';
import { suites } from './suites/index.js';

const log = (message: string) => console.log(`[bench] ${message}`);

async function main(): Promise<number> {
  const config = loadBenchConfig();
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  if (process.argv.includes('--list') || process.argv.includes('--help')) {
    for (const suite of suites) {
      console.log(`${suite.name}\t${suite.description}${suite.namedOnly ? ' (runs only when named)' : ''}`);
    }
    return 0;
  }
  const unknown = names.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    console.error(
      `[bench] unknown suite(s): ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const selected =
    names.length > 0
      ? suites.filter((suite) => names.includes(suite.name))
      : suites.filter((suite) => !suite.namedOnly);

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
