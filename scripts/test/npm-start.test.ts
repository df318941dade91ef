import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  descendants,
  eventually,
  freshDir,
  isRunning,
  type NpmRun,
  portIsFree,
  runNpm,
} from './support/npm-process.js';
import {
  READY_BLOCK,
  START_TIMEOUT_MS,
  type StartedSystem,
  startEnv,
  startSystem,
} from './support/started-system.js';

/** Everything `npm start` started and listens on, as seen while it runs. */
function footprint(system: StartedSystem) {
  return { pids: [system.run.pid, ...descendants(system.run.pid)], ports: Object.values(system.ports) };
}

/** Sends `signal` to npm alone and checks that within 5 s no process of the tree runs and every port is free. */
async function expectNothingLeftAfter(system: StartedSystem, signal: NodeJS.Signals) {
  const { pids, ports } = footprint(system);
  // npm, the start script and two services (each behind setpriv, which execs node).
  expect(pids.length).toBeGreaterThanOrEqual(4);
  process.kill(system.run.pid, signal);
  const gone = await eventually(async () => {
    if (pids.some(isRunning)) return false;
    return (await Promise.all(ports.map(portIsFree))).every(Boolean);
  }, 5_000);
  const left = pids.filter(isRunning);
  const busy = (
    await Promise.all(ports.map(async (port) => ((await portIsFree(port)) ? [] : [port])))
  ).flat();
  expect({ gone, left, busy }).toEqual({ gone: true, left: [], busy: [] });
}

async function adminStatus(system: StartedSystem, token: string) {
  const response = await fetch(`http://127.0.0.1:${system.ports.adminWrite}/api/admin/products?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

const runs: NpmRun[] = [];
const data = freshDir('start');
afterEach(() => {
  for (const run of runs.splice(0)) run.killGroup();
});
afterAll(() => data.remove());

describe('npm start', () => {
  it('fails at once on a taken port, naming the port and its variable, before printing anything else', async () => {
    const { env, ports } = await startEnv(data.dir);
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.adminWriteMetrics, '127.0.0.1', resolve));
    try {
      const run = runNpm(['start'], cleanEnv(env));
      runs.push(run);
      const code = await run.exited;
      expect(code).not.toBe(0);
      const output = run.output();
      expect(output).toContain(
        `port ${ports.adminWriteMetrics} is already in use: stop what is using it, or choose another port with ADMIN_WRITE_METRICS_PORT`,
      );
      // Nothing but npm's own lines and that message: no banner, no URL, no token, no database.
      expect(output).not.toMatch(/\bready\b|token|localhost|sqlite|starting/i);
      expect(() => statSync(path.join(data.dir, 'catalog.db'))).toThrow();
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it(
    'prints one ready block once every service answers /readyz; SIGTERM to npm leaves nothing behind',
    async () => {
      const system = await startSystem(data.dir);
      runs.push(system.run);
      // At the moment the block appears, every service already answers /readyz (no retry).
      const { catalogWeb, adminWeb, catalogRead, adminWrite } = system.ports;
      const probes = await Promise.all(
        [catalogWeb, adminWeb, catalogRead, adminWrite].map(async (port) => {
          const response = await fetch(`http://127.0.0.1:${port}/readyz`);
          return { port, status: response.status, body: await response.json() };
        }),
      );
      expect(probes.map((probe) => probe.status)).toEqual([200, 200, 200, 200]);
      expect(system.startOutput.match(/is ready/g)).toHaveLength(1);
      expect(system.startOutput.split(READY_BLOCK)[0]).not.toContain(system.token);

      // The token is kept in DATA_DIR, readable by its owner only, and the API accepts it.
      const file = path.join(data.dir, 'admin-token');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe(system.token);
      expect(await adminStatus(system, system.token)).toBe(200);

      // Probes are not logged; a request is, on one line.
      await fetch(`http://127.0.0.1:${system.ports.catalogRead}/api/v1/products?limit=2`).then((r) =>
        r.arrayBuffer(),
      );
      await system.run.waitFor(/\[catalog-read\] GET \/api\/v1\/products\?limit=2 200 [\d.]+ ms\n/, 10_000);
      expect(system.run.output()).not.toMatch(/\/readyz|\/healthz/);

      await expectNothingLeftAfter(system, 'SIGTERM');
      expect(await system.run.exited).toBe(0);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'honours ADMIN_TOKEN without replacing the kept token; a killed npm takes everything with it',
    async () => {
      const kept = readFileSync(path.join(data.dir, 'admin-token'), 'utf8').trim();
      const chosen = 'chosen-by-the-owner-0123456789';
      const system = await startSystem(data.dir, { ADMIN_TOKEN: chosen });
      runs.push(system.run);
      expect(system.token).toBe(chosen);
      expect(system.startOutput).toContain('(from ADMIN_TOKEN)');
      expect(await adminStatus(system, chosen)).toBe(200);
      expect(await adminStatus(system, kept)).toBe(401);
      expect(readFileSync(path.join(data.dir, 'admin-token'), 'utf8').trim()).toBe(kept);
      // Parent death: npm killed outright cannot forward anything.
      await expectNothingLeftAfter(system, 'SIGKILL');
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'keeps the generated token across restarts; SIGINT (Ctrl-C) stops everything',
    async () => {
      const kept = readFileSync(path.join(data.dir, 'admin-token'), 'utf8').trim();
      const system = await startSystem(data.dir);
      runs.push(system.run);
      expect(system.token).toBe(kept);
      expect(await adminStatus(system, kept)).toBe(200);
      await expectNothingLeftAfter(system, 'SIGINT');
    },
    START_TIMEOUT_MS + 30_000,
  );
});
