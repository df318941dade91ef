import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogRead } from '../src/app.js';
import { loadCatalogReadConfig } from '../src/config.js';

/**
 * Every request takes the same path: route validation, then 304 from the pod's version, then the cache,
 * then the database. A URL answered from the cache earns no shortcut past validation.
 */
describe('one path per request', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-read-one-path-'));
  let app: Awaited<ReturnType<typeof buildCatalogRead>>['app'];

  beforeAll(async () => {
    const writer = await openDatabase('sqlite:catalog.db', { dataDir });
    await migrateToLatest(writer.db as Kysely<unknown>);
    await seedCatalog(writer.db);
    await writer.close();
    const config = loadCatalogReadConfig({
      DATABASE_URL: 'sqlite:catalog.db',
      DATA_DIR: dataDir,
      PUBLIC_ASSET_BASE_URL: 'https://www.shop.test',
    });
    ({ app } = await buildCatalogRead(config, { logger: false }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it.each([
    ['/api/v1/products?category=Kitchen', '/api/v1/products?category=Kitchen&limit=0'],
    ['/api/v1/products?category=Kitchen', '/api/v1/products?category=Kitchen&colour=red'],
    ['/api/v1/products/1', '/api/v1/products/1?x=1'],
    ['/api/v1/categories', '/api/v1/categories?sort=name'],
  ])(
    '%s answered from the cache; %s is still a 400, with or without the current ETag',
    async (valid, invalid) => {
      await get(valid);
      const hit = await get(valid);
      expect(hit.statusCode).toBe(200);
      expect(hit.headers['x-cache']).toBe('hit');
      const etag = String(hit.headers.etag);
      expect((await get(valid, { 'if-none-match': etag })).statusCode).toBe(304);

      for (const headers of [{}, { 'if-none-match': etag }] as Record<string, string>[]) {
        const refused = await get(invalid, headers);
        expect(refused.statusCode, refused.body).toBe(400);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    },
  );
});
