import { buildCatalogRead } from '@mystore/catalog-read/app';
import { loadCatalogReadConfig } from '@mystore/catalog-read/config';
import { mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneFieldBodyText, PRODUCT_FIELDS, writeBodyText } from './support/api/arbitraries.js';
import type { AdminProduct } from './support/api/contract.js';
import {
  type AdminWrite,
  call,
  closeAll,
  eventually,
  fingerprintDatabase,
  inject,
  prepareDatabase,
  prepareSqlite,
  startAdminWrite,
} from './support/api/harness.js';

/**
 * What the owner can save, the catalog can serve: every write admin-write accepts is read back through
 * catalog-read (detail, its category page and the newest-first page) without an error, and every write
 * it refuses changes nothing. Generated bodies mix valid values, edge values and invalid ones in every
 * writable field (see arbitraries.ts).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED === undefined ? 20_261_206 : Number(process.env.FUZZ_SEED);
const ADMIN = '/api/admin/products';
const PUBLIC = '/api/v1/products';
const STOREFRONT = 'http://shop.test';

const gate = await mysqlSuiteGate();

type CatalogRead = Awaited<ReturnType<typeof buildCatalogRead>>;

/** The public form of an admin product, as DESIGN's public API describes it. */
function publicForm(product: AdminProduct) {
  const { is_active: _active, sku: _sku, version: _version, image_url, ...shared } = product;
  const absolute = image_url === null || /^https?:\/\//i.test(image_url);
  return { ...shared, image_url: absolute ? image_url : new URL(image_url, STOREFRONT).href };
}

function servedWritesSuite(
  setup: () => Promise<{ adminEnv: Record<string, string>; catalogEnv: Record<string, string> }>,
  numRuns: number,
  replicated: () => Promise<void> = async () => {},
) {
  let admin: AdminWrite;
  let catalog: CatalogRead;

  beforeAll(async () => {
    const { adminEnv, catalogEnv } = await setup();
    admin = await startAdminWrite(adminEnv);
    catalog = await buildCatalogRead(
      loadCatalogReadConfig({
        PUBLIC_ASSET_BASE_URL: STOREFRONT,
        CATALOG_VERSION_REFRESH_MS: '20',
        FALLBACK_DATABASE_URL: undefined,
        ...catalogEnv,
      }),
      { logger: false },
    );
    await catalog.app.ready();
  });
  afterAll(() => closeAll([admin?.app, catalog?.app]));

  const publicGet = async (url: string) => {
    const response = await inject(catalog.app, { method: 'GET', url });
    expect(response.statusCode, `${url} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
    return response;
  };

  /** catalog-read serves `product` as it now is: by id, on its category's page and on the newest page. */
  async function expectServed(product: AdminProduct, sent: string) {
    const pages = [`${PUBLIC}?sort=newest&limit=100`];
    if (product.category !== null)
      pages.push(`${PUBLIC}?category=${encodeURIComponent(product.category)}&limit=100`);
    await replicated();
    await eventually(
      async () => {
        const detail = await publicGet(`${PUBLIC}/${product.id}`);
        if (!product.is_active) expect(detail.statusCode, sent).toBe(404);
        else expect(detail.json(), sent).toEqual(publicForm(product));
        for (const page of pages) {
          const list = await publicGet(page);
          expect(list.statusCode, `${page} for ${sent}`).toBe(200);
          const found = list.json().items.find((item: { id: number }) => item.id === product.id);
          expect(found, `${page} for ${sent}`).toEqual(product.is_active ? publicForm(product) : undefined);
        }
      },
      10_000,
      10,
    );
  }

  /** Sends one write: an acceptance is served by catalog-read, a refusal leaves the database as it was. */
  async function write(method: 'POST' | 'PATCH', url: string, text: string, watched: number[]) {
    const before = await fingerprintDatabase(admin.handle.db, watched);
    const response = await call(admin.app, method, url, { text });
    const sent = `${method} ${text.slice(0, 300)} → ${response.body.slice(0, 300)}`;
    expect(response.statusCode, sent).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(await fingerprintDatabase(admin.handle.db, watched), sent).toEqual(before);
      return undefined;
    }
    const product = response.json() as AdminProduct;
    await expectServed(product, sent);
    return product;
  }

  it.each(PRODUCT_FIELDS)(
    'every accepted value of %s alone is served; every refused one changes nothing',
    async (field) => {
      const outcomes = new Set<boolean>();
      await fc.assert(
        fc.asyncProperty(oneFieldBodyText(field), async (body) => {
          outcomes.add((await write('POST', ADMIN, body, [])) !== undefined);
        }),
        { numRuns, seed: SEED, endOnFailure: true },
      );
      expect([...outcomes].sort(), 'the values must be both accepted and refused').toEqual([false, true]);
    },
  );

  it('every accepted create and edit is served by catalog-read; every refused one changes nothing', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(writeBodyText('full'), writeBodyText('patch'), async (created, edit) => {
        const product = await write('POST', ADMIN, created, []);
        if (!product) return;
        accepted += 1;
        await write('PATCH', `${ADMIN}/${product.id}`, edit, [product.id]);
      }),
      { numRuns, seed: SEED, endOnFailure: true },
    );
    // The generators must reach both outcomes, or the property says little.
    expect(accepted).toBeGreaterThan(numRuns / 5);
    expect(accepted).toBeLessThan(numRuns);
  });
}

describe('served writes on the embedded SQLite file', () => {
  let remove: (() => void) | undefined;
  afterAll(() => remove?.());
  servedWritesSuite(async () => {
    const prepared = await prepareSqlite('served-writes-');
    remove = prepared.remove;
    return { adminEnv: prepared.env, catalogEnv: prepared.env };
  }, RUNS);
});

describe.skipIf(!gate.run)(
  gate.title('served writes: admin-write on a MariaDB primary, catalog-read on its replica'),
  () => {
    let pair: ReplicaPair | undefined;
    afterAll(async () => {
      await pair?.stop();
    });
    servedWritesSuite(
      async () => {
        pair = await startMysqlReplicaPair();
        await prepareDatabase(pair.primaryUrl);
        await pair.waitForReplication();
        return { adminEnv: { DATABASE_URL: pair.primaryUrl }, catalogEnv: { DATABASE_URL: pair.replicaUrl } };
      },
      Math.max(10, Math.ceil(RUNS / 2)),
      () => pair!.waitForReplication(),
    );
  },
);
