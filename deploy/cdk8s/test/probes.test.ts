import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '@mystore/db';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The services are read from their sources, as their own tests do.
import { buildAdminWeb } from '../../../services/admin-web/src/app.js';
import { loadAdminWebConfig } from '../../../services/admin-web/src/config.js';
import { hashPassword } from '../../../services/admin-web/src/password.js';
import { buildAdminWrite } from '../../../services/admin-write/src/app.js';
import { loadAdminWriteConfig } from '../../../services/admin-write/src/config.js';
import { buildCatalogRead } from '../../../services/catalog-read/src/app.js';
import { loadCatalogReadConfig } from '../../../services/catalog-read/src/config.js';
import { buildCatalogWeb } from '../../../services/catalog-web/src/app.js';
import { loadCatalogWebConfig } from '../../../services/catalog-web/src/config.js';
import { objectsOf, ofKind, VARIANTS } from './support/manifests.js';

/**
 * The probes of the synthesized Deployments, sent to the real apps (built in-process on a migrated
 * SQLite file, the web apps pointed at them): each path is a route the service serves, and answers 200
 * when the service can serve.
 */
const probesOf = (name: string) => {
  const deployment = ofKind(objectsOf(VARIANTS[1]!), 'Deployment').find((d) => d.metadata.name === name)!;
  const [container] = deployment.spec.template.spec.containers;
  return ['startupProbe', 'livenessProbe', 'readinessProbe'].map(
    (probe) => container[probe].httpGet.path as string,
  );
};

describe('probe paths against the running services', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'deploy-probes-'));
  const apps: Record<string, FastifyInstance> = {};

  beforeAll(async () => {
    const writer = await openDatabase('sqlite:catalog.db', { dataDir });
    try {
      await migrateToLatest(writer.db as Kysely<unknown>);
    } finally {
      await writer.close();
    }
    const common = { DATABASE_URL: 'sqlite:catalog.db', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    apps['catalog-read'] = (
      await buildCatalogRead(
        loadCatalogReadConfig({ ...common, PUBLIC_ASSET_BASE_URL: 'https://www.shop.test' }),
        { logger: false },
      )
    ).app;
    apps['admin-write'] = (
      await buildAdminWrite(
        loadAdminWriteConfig({ ...common, ADMIN_TOKENS: 'probe-test-token-0123456789abcdef' }),
        {
          logger: false,
          heartbeat: false,
        },
      )
    ).app;
    const [catalogApi, adminApi] = await Promise.all(
      [apps['catalog-read'], apps['admin-write']].map((app) => app!.listen({ port: 0, host: '127.0.0.1' })),
    );
    apps['catalog-web'] = (
      await buildCatalogWeb(loadCatalogWebConfig({ LOG_LEVEL: 'silent', CATALOG_API_URL: catalogApi }), {
        logger: false,
      })
    ).app;
    apps['admin-web'] = (
      await buildAdminWeb(
        loadAdminWebConfig({
          LOG_LEVEL: 'silent',
          ADMIN_API_URL: adminApi,
          ADMIN_API_TOKEN: 'probe-test-token-0123456789abcdef',
          ADMIN_PASSWORD_HASH: await hashPassword('probe-test-password', { logN: 10, r: 8, p: 1 }),
          SESSION_SECRET: 'probe-test-session-secret-0123456789abcdef',
        }),
        { logger: false },
      )
    ).app;
    for (const app of Object.values(apps)) await app.ready();
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['catalog-read', 'admin-write', 'catalog-web', 'admin-web'])(
    '%s serves every probe path with 200',
    async (name) => {
      const paths = probesOf(name);
      expect(paths).toEqual(['/healthz', '/healthz', '/readyz']);
      for (const url of paths) {
        const response = await apps[name]!.inject({ method: 'GET', url });
        expect(response.statusCode, `${name} ${url}: ${response.body}`).toBe(200);
      }
    },
  );

  it('a path that is not a route would fail the probe (404)', async () => {
    expect((await apps['catalog-read']!.inject({ method: 'GET', url: '/health' })).statusCode).toBe(404);
  });
});
