import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPrometheusBinary, prometheusSuiteGate } from '@mystore/test-kit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MONITORING_ROOT, RULES_PATH, readRules } from './support/artifacts.js';

const gate = prometheusSuiteGate(['promtool']);
const UNIT_TESTS = path.join(MONITORING_ROOT, 'test/rules.test.yaml');

function promtool(...args: string[]) {
  const result = spawnSync(findPrometheusBinary('promtool')!, args, {
    encoding: 'utf8',
    cwd: MONITORING_ROOT,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(!gate.run)(gate.title('rules.yaml under promtool'), () => {
  it('passes `promtool check rules`', () => {
    const result = promtool('check', 'rules', RULES_PATH);
    expect(result.output).toContain(`SUCCESS: ${readRules().length} rules found`);
    expect(result.status).toBe(0);
  });

  it('passes `promtool test rules` (test/rules.test.yaml)', () => {
    const result = promtool('test', 'rules', UNIT_TESTS);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('has a case where each alert fires (the cases also hold look-alikes that must not)', () => {
    const document = parse(readFileSync(UNIT_TESTS, 'utf8')) as {
      tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
    };
    const cases = document.tests.flatMap((test) => test.alert_rule_test ?? []);
    for (const alert of readRules().filter((rule) => rule.alert)) {
      const own = cases.filter((candidate) => candidate.alertname === alert.alert);
      expect(
        own.some((candidate) => (candidate.exp_alerts ?? []).length > 0),
        `${alert.alert} firing`,
      ).toBe(true);
    }
  });
});
