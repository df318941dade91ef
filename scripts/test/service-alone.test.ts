import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATA_DIR, parseDatabaseUrl } from '@mystore/db';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  eventually,
  freePorts,
  freshDir,
  type NpmRun,
  REPO_ROOT,
  runNpm,
} from './support/npm-process.js';

const SERVICES = ['catalog-read', 'admin-write'] as const;
/** tsx compiles a service on its first start: slow on a busy machine. */
const START_MS = 120_000;

const data = freshDir('alone');
const runs: NpmRun[] = [];
afterAll(async () => {
  for (const run of runs) {
    // npm runs the service's script through sh, which does not pass signals on: stop the whole group.
    try {
      process.kill(-run.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
  }
  await Promise.all(runs.map((run) => Promise.race([run.exited, new Promise((r) => setTimeout(r, 10_000))])));
  for (const run of runs) run.killGroup();
  data.remove();
});

async function status(url: string, headers: Record<string, string> = {}) {
  try {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

describe('npm start -w services/<name>, with only a fresh DATA_DIR (and free ports)', () => {
  it('DATA_DIR defaults to the repository’s .data/, where sqlite:catalog.db lives', () => {
    expect(DEFAULT_DATA_DIR).toBe(path.join(REPO_ROOT, '.data'));
    expect(parseDatabaseUrl('sqlite:catalog.db')).toEqual({
      kind: 'sqlite',
      file: path.join(REPO_ROOT, '.data', 'catalog.db'),
    });
  });

  it.each(SERVICES)(
    '%s without a database says how to create it, in one line and no stack trace',
    async (service) => {
      const [port, metricsPort] = await freePorts(2);
      const run = runNpm(
        ['start', '-w', `services/${service}`],
        cleanEnv({ DATA_DIR: data.dir, PORT: String(port), METRICS_PORT: String(metricsPort) }),
      );
      runs.push(run);
      expect(await run.exited).not.toBe(0);
      const output = run.output();
      expect(output).toContain(
        `${service}: cannot open sqlite:${path.join(data.dir, 'catalog.db')}: no such file; create it with \`npm run migrate\``,
      );
      expect(output).not.toMatch(/^\s+at /m);
    },
    START_MS,
  );

  it(
    'after `npm run migrate`, each service starts and answers; admin-write takes the token kept in DATA_DIR',
    async () => {
      const env = cleanEnv({ DATA_DIR: data.dir });
      for (const args of [
        ['run', 'migrate'],
        ['run', 'migrate', '--', 'seed'],
      ]) {
        const migrate = runNpm(args, env);
        runs.push(migrate);
        expect({ args, code: await migrate.exited, output: migrate.output() }).toMatchObject({ code: 0 });
      }
      const ports = await freePorts(4);
      const started = SERVICES.map((service, index) => {
        const [port, metricsPort] = [ports[2 * index]!, ports[2 * index + 1]!];
        const run = runNpm(
          ['start', '-w', `services/${service}`],
          cleanEnv({ DATA_DIR: data.dir, PORT: String(port), METRICS_PORT: String(metricsPort) }),
        );
        runs.push(run);
        return { service, run, base: `http://127.0.0.1:${port}` };
      });
      for (const { service, run, base } of started) {
        const ready = await eventually(
          async () => (await status(`${base}/readyz`)) === 200,
          START_MS - 20_000,
        );
        expect({ service, ready, output: ready ? '' : run.output() }).toEqual({
          service,
          ready: true,
          output: '',
        });
      }
      const [catalog, admin] = started;
      const token = readFileSync(path.join(data.dir, 'admin-token'), 'utf8').trim();
      expect(await status(`${catalog!.base}/api/v1/products?limit=1`)).toBe(200);
      expect(
        await eventually(
          async () =>
            (await status(`${admin!.base}/api/admin/products?limit=1`, {
              authorization: `Bearer ${token}`,
            })) === 200,
          10_000,
        ),
      ).toBe(true);
      expect(await status(`${admin!.base}/api/admin/products?limit=1`)).toBe(401);
    },
    START_MS * 2,
  );
});
