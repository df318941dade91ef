import type { BenchConfig } from './config.js';
import { Teardown } from './processes.js';
import type { SuiteReport } from './report.js';
import type { RunMode } from './services.js';

/** What every suite gets from bench/run.ts. */
export interface SuiteContext {
  readonly config: BenchConfig;
  /** Aborted on Ctrl-C / SIGTERM: stop the current run, clean up, return. */
  readonly signal: AbortSignal;
  /** How services are run: from build/ (the rule) or, when the build failed, from sources. */
  readonly mode: RunMode;
  /** Notes for every report (how the build went, fallbacks). */
  readonly notes: readonly string[];
  log(message: string): void;
}

/**
 * One benchmark suite: starts what it needs, measures, stops everything it started (also on error or
 * abort), and returns its report. Add a suite as a file in bench/suites/ and list it in suites/index.ts.
 */
export interface Suite {
  readonly name: string;
  readonly description: string;
  run(context: SuiteContext): Promise<SuiteReport>;
}

/**
 * The body of a suite's `run`: `measure` gets a Teardown that runs afterwards whatever happens (error,
 * abort), after `stopping` is logged.
 */
export async function measureWithTeardown(
  context: SuiteContext,
  stopping: string,
  measure: (context: SuiteContext, teardown: Teardown) => Promise<SuiteReport>,
): Promise<SuiteReport> {
  const teardown = new Teardown();
  try {
    return await measure(context, teardown);
  } finally {
    context.log(stopping);
    await teardown.run();
  }
}
