import { detectMysql } from './detect.js';
import type { Detection } from './types.js';

export interface SuiteGate {
  readonly run: boolean;
  readonly reason?: string;
  title(name: string): string;
}

/** The gate's decision for a detection result (separate from detection so it can be tested). */
export function gateFor(detection: Detection, env: NodeJS.ProcessEnv = process.env): SuiteGate {
  if (detection.available) return { run: true, title: (name) => name };
  const { reason } = detection;
  // In CI a missing database is a broken pipeline, never a reason to skip.
  if (env.CI === 'true') throw new Error(`[test-kit] MySQL suites cannot run in CI: ${reason}`);
  process.stderr.write(`[test-kit] MySQL suites skipped: ${reason}\n`);
  return { run: false, reason, title: (name) => `${name} (skipped: ${reason})` };
}

/**
 * For test files: `const mysql = await mysqlSuiteGate();` then
 * `describe.skipIf(!mysql.run)(mysql.title('replication'), …)`.
 */
export async function mysqlSuiteGate(): Promise<SuiteGate> {
  return gateFor(await detectMysql());
}
