import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { RUN, type SuiteGate, unavailable } from './gate.js';

const SEARCHED = ['/usr/bin', '/usr/local/bin', '/opt/prometheus'];

/** Where a Prometheus binary (`prometheus`, `promtool`) is: Debian's `prometheus` package has both. */
export function findPrometheusBinary(name: 'prometheus' | 'promtool'): string | undefined {
  return SEARCHED.map((directory) => `${directory}/${name}`).find((path) => existsSync(path));
}

/** Like the MySQL gate: skip outside CI when a binary is missing, fail loudly under CI=true. */
export function prometheusSuiteGate(
  names: readonly ('prometheus' | 'promtool')[],
  env: NodeJS.ProcessEnv = process.env,
): SuiteGate {
  const missing = names.filter((name) => !findPrometheusBinary(name));
  if (missing.length === 0) return RUN;
  return unavailable('Prometheus', `${missing.join(' and ')} not found (Debian package prometheus)`, env);
}

/**
 * What `promtool check metrics` says about an exposition, one problem a line; empty when it is clean.
 * prom-client's own `nodejs_active_{handles,requests,resources}_total` gauges break the "counters end
 * in _total" lint (they are gauges): those three lines are ours to ignore, nothing else.
 */
export function promtoolMetricProblems(exposition: string): string[] {
  const promtool = findPrometheusBinary('promtool');
  if (!promtool) throw new Error('promtool not found (Debian package prometheus)');
  const result = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (result.error) throw result.error;
  return `${result.stdout}${result.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) =>
        line !== '' &&
        !/^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/.test(
          line,
        ),
    );
}
