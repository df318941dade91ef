import { detectMysql } from './detect.js';
import type { Detection } from './types.js';

export interface SuiteGate {
  readonly run: boolean;
  readonly reason?: string;
  title(name: string): string;
}

/** The gate's decision for a detection result (separate from detection so it can be tested). */
export function gateFor(detection: Detection, env: NodeJS.ProcessEnv = process.env): SuiteGate {
  return detection.available ? RUN : unavailable('MySQL', detection.reason, env);
}

/** A gate that lets the suite run. */
export const RUN: SuiteGate = { run: true, title: (name) => name };

/**
 * The gate when a prerequisite of `suites` (e.g. "MySQL") is missing: outside CI the suite is skipped
 * with one line on stderr and the reason in its title; under CI=true it throws instead, because in CI
 * a missing prerequisite is a broken pipeline, never a reason to skip.
 */
export function unavailable(suites: string, reason: string, env: NodeJS.ProcessEnv = process.env): SuiteGate {
  if (env.CI === 'true') throw new Error(`[test-kit] ${suites} suites cannot run in CI: ${reason}`);
  process.stderr.write(`[test-kit] ${suites} suites skipped: ${reason}\n`);
  return { run: false, reason, title: (name) => `${name} (skipped: ${reason})` };
}

/**
 * For test files: `const mysql = await mysqlSuiteGate();` then
 * `describe.skipIf(!mysql.run)(mysql.title('replication'), …)`.
 */
export async function mysqlSuiteGate(): Promise<SuiteGate> {
  return gateFor(await detectMysql());
}
