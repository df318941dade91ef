import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  type AdminWrite,
  closeAll,
  inject,
  OWNER_TOKEN,
  prepareSqlite,
  startAdminWrite,
} from '../../../admin-write/test/support/api/harness.js';
import { buildAdminWeb } from '../../src/app.js';
import { loadAdminWebConfig } from '../../src/config.js';
import { hashPassword } from '../../src/password.js';

export { inject, OWNER_TOKEN };

export const OWNER_PASSWORD = 'correct horse battery staple';
/** A cheap scrypt cost for tests (the cost is part of the hash; production hashes use ln=17). */
export const PASSWORD_HASH = await hashPassword(OWNER_PASSWORD, { logN: 10, r: 8, p: 1 });
/** One secret shared by every admin-web of a test, as by the replicas of a deployment. */
export const SESSION_SECRET = randomBytes(32).toString('base64url');

export type AdminWeb = Awaited<ReturnType<typeof buildAdminWeb>>;
export type WebApp = AdminWeb['app'];

/** admin-web's environment for a test: every variable given, so the test run's environment cannot leak in. */
export function adminWebEnv(apiUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ADMIN_API_URL: apiUrl,
    ADMIN_API_TOKEN: OWNER_TOKEN,
    ADMIN_PASSWORD_HASH: PASSWORD_HASH,
    SESSION_SECRET,
    SESSION_COOKIE_SECURE: 'true',
    ADMIN_API_TIMEOUT_MS: '5000',
    ...overrides,
  };
}

/** admin-web built in-process (requests through `inject`), logs off unless a stream is given. */
export async function startAdminWeb(
  env: Record<string, string>,
  logger: false | { write(line: string): void } = false,
): Promise<AdminWeb> {
  const built = await buildAdminWeb(loadAdminWebConfig(env), { logger });
  await built.app.ready();
  return built;
}

/**
 * Waits until admin-write answers over HTTP. Starting services in the test process can stall its event
 * loop for a second on a busy machine, and admin-write's load shedding then refuses requests for a while.
 */
export async function untilAnswering(apiUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${apiUrl}/api/admin/openapi.json`, {
      headers: { authorization: `Bearer ${OWNER_TOKEN}` },
    });
    await response.arrayBuffer();
    if (response.status === 200) return;
    if (Date.now() > deadline) throw new Error(`admin-write answers ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Stack {
  readonly adminWrite: AdminWrite;
  /** admin-write's address: admin-web calls it over real HTTP. */
  readonly apiUrl: string;
  readonly web: AdminWeb;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * A real admin-write on a migrated and seeded SQLite file, listening on loopback, and an admin-web that
 * calls it over HTTP.
 */
export async function startStack(overrides: Record<string, string> = {}): Promise<Stack> {
  const sqlite = await prepareSqlite('admin-web-');
  const adminWrite = await startAdminWrite(sqlite.env);
  await adminWrite.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = adminWrite.app.server.address() as AddressInfo;
  const apiUrl = `http://127.0.0.1:${port}`;
  const web = await startAdminWeb(adminWebEnv(apiUrl, overrides));
  await untilAnswering(apiUrl);
  return {
    adminWrite,
    apiUrl,
    web,
    dataDir: sqlite.env.DATA_DIR,
    async stop() {
      await closeAll([web.app, adminWrite.app]);
      sqlite.remove();
    },
  };
}
