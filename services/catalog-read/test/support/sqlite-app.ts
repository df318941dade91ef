import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import { type RecordedRoute, recordRoutes } from '@mystore/test-kit';
import type { Kysely } from 'kysely';
import { buildCatalogRead } from '../../src/app.js';
import { loadCatalogReadConfig } from '../../src/config.js';

export type CatalogApp = Awaited<ReturnType<typeof buildCatalogRead>>['app'];

/**
 * catalog-read on a fresh, migrated and seeded SQLite file, ready, with every route it registered
 * (plugins' included). `env` adds to or overrides the configuration (CORS_ORIGINS, …).
 */
export async function startSqliteCatalogRead(env: Record<string, string> = {}): Promise<{
  readonly app: CatalogApp;
  readonly routes: readonly RecordedRoute[];
  close(): Promise<void>;
}> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-read-app-'));
  const writer = await openDatabase('sqlite:catalog.db', { dataDir });
  await migrateToLatest(writer.db as Kysely<unknown>);
  await seedCatalog(writer.db);
  await writer.close();
  const recording = recordRoutes();
  const config = loadCatalogReadConfig({
    DATABASE_URL: 'sqlite:catalog.db',
    DATA_DIR: dataDir,
    PUBLIC_ASSET_BASE_URL: 'https://www.shop.test',
    ...env,
  });
  const { app } = await buildCatalogRead(config, { logger: false }).finally(() => recording.stop());
  await app.ready();
  return {
    app,
    routes: recording.routesOf(app),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
