import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandsOf, expectedOutput, shellBlocksUnder } from './support/markdown.js';
import { cleanEnv, descendants, eventually, freshDir, isRunning, REPO_ROOT } from './support/npm-process.js';
import { START_TIMEOUT_MS, type StartedSystem, startSystem } from './support/started-system.js';

const README = path.join(REPO_ROOT, 'README.md');
const tour = shellBlocksUnder(README, 'Tour').flatMap(commandsOf);

/** Variables the tour sets; each line's are handed to the next through a state file. */
const variables = [
  ...new Set(
    tour.flatMap((command) => [...command.matchAll(/(?:^|;\s*)([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1]!)),
  ),
];

/** What a reader copies line by line: run one line in bash, with the variables earlier lines set. */
function runLine(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  const script = [
    'set -o pipefail',
    '[ -f .tour-state ] && . ./.tour-state',
    command,
    'status=$?',
    `declare -p ${variables.join(' ')} > .tour-state 2>/dev/null`,
    'exit $status',
  ].join('\n');
  return spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8', timeout: 30_000 });
}

describe('the README tour', () => {
  it('covers what the README promises: browse, filter, search, sort, cursor, one product, every admin step', () => {
    const text = tour.join('\n');
    const steps: Record<string, RegExp> = {
      browse: /"\$API\/products\?limit=\d+"/,
      filter: /\$API\/products\?category=[^"]*max_price=/,
      search: /\$API\/products\?q=/,
      sort: /\$API\/products\?sort=/,
      'follow next_cursor': /next_cursor[\s\S]*cursor=\$CURSOR/,
      'one product': /"\$API\/products\/\$ID"/,
      create: /-X POST "\$ADMIN\/products"/,
      'edit with If-Match': /-X PATCH [^\n]*if-match: \$ETAG/,
      'change stock': /-X POST "\$ADMIN\/products\/\$ID\/stock"/,
      deactivate: /-X DELETE "\$ADMIN\/products\/\$ID"/,
      'export CSV': /"\$ADMIN\/products\/export\.csv"/,
      'import dry run': /"\$ADMIN\/products\/import\?dry_run=true"/,
      'import apply': /-X POST "\$ADMIN\/products\/import"/,
    };
    const missing = Object.entries(steps).flatMap(([step, pattern]) => (pattern.test(text) ? [] : [step]));
    expect(missing).toEqual([]);
  });

  const data = freshDir('tour');
  const work = freshDir('tour-cwd');
  let system: StartedSystem | undefined;
  afterAll(async () => {
    if (system) {
      const pids = [system.run.pid, ...descendants(system.run.pid)];
      process.kill(system.run.pid, 'SIGTERM');
      await eventually(() => !pids.some(isRunning), 10_000);
      system.run.killGroup();
    }
    data.remove();
    work.remove();
  });

  it(
    'runs every line against a freshly started system',
    async () => {
      system = await startSystem(data.dir);
      const env = cleanEnv(system.env);
      const results = tour.map((command) => {
        const result = runLine(command, work.dir, env);
        const expected = expectedOutput(command);
        return {
          command,
          status: result.status,
          stderr: result.stderr,
          ...(expected && !result.stdout.includes(expected)
            ? { expected, stdout: result.stdout.slice(0, 500) }
            : {}),
        };
      });
      const failed = results.filter(
        (result) => result.status !== 0 || result.stderr !== '' || 'expected' in result,
      );
      expect(failed).toEqual([]);
      expect(tour.length).toBeGreaterThanOrEqual(20);
    },
    START_TIMEOUT_MS + 60_000,
  );
});
