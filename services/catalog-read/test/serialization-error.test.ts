import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bumpCatalogVersion, insertProduct, migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogRead } from '../src/app.js';
import { loadCatalogReadConfig } from '../src/config.js';

/**
 * A stored value that breaks the response schema (written around admin-write's rules, straight into the
 * database) is a bug: a 500 logged as a serialization error naming the field, for the responses that
 * hold it only, and never a "database unavailable" 503.
 */
describe('a response that fails its schema', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-read-serialization-'));
  const lines: Record<string, unknown>[] = [];
  let app: Awaited<ReturnType<typeof buildCatalogRead>>['app'];
  let brokenId: number;

  beforeAll(async () => {
    const writer = await openDatabase('sqlite:catalog.db', { dataDir });
    try {
      await migrateToLatest(writer.db as Kysely<unknown>);
      await seedCatalog(writer.db);
      brokenId = await writer.db.transaction().execute(async (trx) => {
        const id = await insertProduct(trx, {
          name: 'Broken image',
          price: '1.00',
          category: 'Broken',
          image_url: 'http://x/a|b',
        });
        await bumpCatalogVersion(trx);
        return id;
      });
    } finally {
      await writer.close();
    }
    const config = loadCatalogReadConfig({
      DATABASE_URL: 'sqlite:catalog.db',
      DATA_DIR: dataDir,
      PUBLIC_ASSET_BASE_URL: 'https://www.shop.test',
      LOG_LEVEL: 'info',
    });
    ({ app } = await buildCatalogRead(config, {
      logger: { write: (line: string) => lines.push(JSON.parse(line)) },
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 500 problem+json for the product and its pages, logged as a serialization error naming the field', async () => {
    for (const url of [`/api/v1/products/${brokenId}`, '/api/v1/products?category=Broken']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['retry-after']).toBeUndefined();
    }
    const errors = lines.filter((line) => line.level === 50);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const line of errors) {
      const err = line.err as { type: string; message: string };
      expect(err.type).toBe('ResponseSerializationError');
      expect(err.message).toContain('image_url');
    }
    expect(lines.some((line) => String(line.msg).includes('no database answered'))).toBe(false);
  });

  it('keeps serving every response that does not hold the value', async () => {
    for (const url of ['/api/v1/products?category=Kitchen', '/api/v1/categories', '/api/v1/products/1']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});
