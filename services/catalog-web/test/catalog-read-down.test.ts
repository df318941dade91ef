import { eventually, type RunningService, startServiceProcess } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attribute, get, page, texts } from './support/pages.js';
import {
  type Catalog,
  type CatalogWeb,
  createCatalog,
  SHOP_URL,
  startCatalogRead,
  startCatalogWeb,
} from './support/stack.js';

/** catalog-web's deadline for one call to catalog-read in these tests. */
const TIMEOUT_MS = 500;
/** What a loaded 2-core machine may add to it before the page is out. */
const SLACK_MS = 2_000;

const UNAVAILABLE = 'The catalog is temporarily unavailable';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await createCatalog();
});
afterAll(async () => {
  await catalog?.remove();
});

/** A page that must be the 503 page, timed. */
async function unavailable(web: CatalogWeb, url: string) {
  const started = performance.now();
  const response = await get(web.app, url, {}, true);
  const elapsedMs = performance.now() - started;
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toContain(`<h1>${UNAVAILABLE}</h1>`);
  return elapsedMs;
}

describe('catalog-read stopped', () => {
  it('pages answer with the 503 page at once; what needs no catalog still works', async () => {
    const read = await startCatalogRead(catalog);
    const web = await startCatalogWeb(read.url, { CATALOG_API_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      const productUrl = String((await get(web.app, '/products/1')).headers.location);
      await page(web.app, productUrl);
      await page(web.app, '/?category=Garden');
      await read.app.close();

      for (const url of ['/', '/?category=Garden', productUrl, '/sitemap.xml']) {
        expect(await unavailable(web, url), url).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      }
      const root = await page(web.app, '/?category=Garden', 503);
      expect(attribute(root, 'a.button', 'href')).toBe('/?category=Garden');
      expect(texts(root, 'title')).toEqual([`${UNAVAILABLE} | mystore`]);
      // Addresses that need no catalog data, and the probes: the pod stays in service.
      expect((await get(web.app, '/nowhere')).statusCode).toBe(404);
      expect((await get(web.app, '/images/products/kit-0001.svg')).statusCode).toBe(200);
      expect((await get(web.app, '/robots.txt')).statusCode).toBe(200);
      expect((await get(web.app, '/readyz')).statusCode).toBe(200);
      const metrics = await web.registry.metrics();
      expect(metrics).toMatch(
        /mystore_upstream_request_duration_seconds_count\{upstream="catalog-read",operation="\w+",outcome="failed"\} [1-9]/,
      );
    } finally {
      await web.app.close();
      await read.app.close();
    }
  });
});

describe('catalog-read frozen (its process stopped with SIGSTOP)', () => {
  let read: RunningService;
  let web: CatalogWeb;

  beforeAll(async () => {
    read = await startServiceProcess('catalog-read', {
      DATABASE_URL: 'sqlite:catalog.db',
      DATA_DIR: catalog.dataDir,
      PUBLIC_ASSET_BASE_URL: SHOP_URL,
    });
    web = await startCatalogWeb(read.url, { CATALOG_API_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(async () => {
    read?.child.kill('SIGCONT');
    await web?.app.close();
    await read?.stop();
  });

  it('the 503 page arrives within the deadline, for every request at once, and pages return after', async () => {
    await page(web.app, '/');
    await page(web.app, '/?category=Kitchen');
    read.child.kill('SIGSTOP');

    // Both a page the storefront holds (a conditional request) and one it never rendered.
    const elapsed = await Promise.all(
      ['/', '/?category=Kitchen', '/?category=Outdoor', '/products/2'].map((url) => unavailable(web, url)),
    );
    for (const ms of elapsed) {
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    const metrics = await web.registry.metrics();
    expect(metrics).toMatch(
      /mystore_upstream_request_duration_seconds_count\{upstream="catalog-read",operation="products",outcome="timeout"\} [1-9]/,
    );

    read.child.kill('SIGCONT');
    await eventually(
      async () => {
        expect((await get(web.app, '/?category=Kitchen', {}, true)).statusCode).toBe(200);
      },
      20_000,
      100,
    );
  });
});
