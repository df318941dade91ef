import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, freshDir, REPO_ROOT } from './support/npm-process.js';

const FIXTURE = path.join(REPO_ROOT, 'scripts/test/fixtures/summary');
const reports = freshDir('summary');
afterAll(() => reports.remove());

describe('the CI summary (scripts/test-summary.mjs)', () => {
  it('counts a test file’s beforeAll in its duration', () => {
    // A real vitest run of a file whose beforeAll sleeps 1.5 s and whose one test is instant.
    execFileSync(
      path.join(REPO_ROOT, 'node_modules/.bin/vitest'),
      ['run', '--root', FIXTURE, '--config', path.join(FIXTURE, 'vitest.config.ts')],
      {
        cwd: FIXTURE,
        env: cleanEnv({ REPORT_DIR: reports.dir, CI: 'true' }),
        stdio: 'pipe',
        timeout: 60_000,
      },
    );
    const json = JSON.parse(readFileSync(path.join(reports.dir, 'vitest.json'), 'utf8'));
    const file = json.testResults[0];
    // What vitest's JSON report says: its per-file times span the test alone.
    expect((file.endTime - file.startTime) / 1000).toBeLessThan(1);

    const summary = execFileSync(
      'node',
      [path.join(REPO_ROOT, 'scripts/test-summary.mjs'), path.join(reports.dir, 'vitest.json')],
      {
        cwd: FIXTURE,
        encoding: 'utf8',
      },
    );
    const row = /^\s+([\d.]+) s\s+1 tests\s+passed\s+slow-hook\.fixture\.ts$/m.exec(summary);
    expect(row, summary).not.toBeNull();
    expect(Number(row![1])).toBeGreaterThanOrEqual(1.5);
    expect(summary.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });
});
