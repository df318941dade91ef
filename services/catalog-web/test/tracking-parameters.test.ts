import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attribute, get, page, texts } from './support/pages.js';
import { SHOP_URL, type Stack, startStack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const CLEAN = '/?category=Kitchen';
/** What marketing links and ad clicks append; the storefront reads none of them. */
const TRACKED = [
  '/?category=Kitchen&utm_source=newsletter',
  '/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&category=Kitchen',
  '/?category=Kitchen&gclid=EAIaIQobChMI8a',
  '/?fbclid=IwAR3x&category=Kitchen&colour=red',
];

/** The page cache's hit and miss counts so far. */
async function pageCacheCounts(): Promise<{ hit: number; miss: number }> {
  const metric = stack.web.registry.getSingleMetric('mystore_page_cache_requests_total');
  const values = (await metric!.get()).values;
  const count = (result: string) => values.find((value) => value.labels.result === result)?.value ?? 0;
  return { hit: count('hit'), miss: count('miss') };
}

describe('tracking and other unknown query parameters', () => {
  it('render the page as without them: 200, the same products, canonical link and ETag', async () => {
    const clean = await get(stack.web.app, CLEAN);
    expect(clean.statusCode).toBe(200);
    const cleanRoot = await page(stack.web.app, CLEAN);
    expect(texts(cleanRoot, '.card-title').length).toBeGreaterThan(0);
    for (const url of TRACKED) {
      const response = await get(stack.web.app, url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers.etag, url).toBe(clean.headers.etag);
      const root = await page(stack.web.app, url);
      expect(attribute(root, 'link[rel=canonical]', 'href'), url).toBe(`${SHOP_URL}${CLEAN}`);
      expect(texts(root, 'h1'), url).toEqual(['Kitchen']);
      expect(texts(root, '.card-title'), url).toEqual(texts(cleanRoot, '.card-title'));
    }
  });

  it('no generated link or form field carries them (pagination, categories, filters, sort)', async () => {
    const root = await page(stack.web.app, '/?limit=5&utm_source=newsletter&gclid=abc&fbclid=def');
    expect(attribute(root, '.pagination a[rel=next]', 'href')).toMatch(/^\/\?limit=5&cursor=/);
    const hrefs = root.querySelectorAll('a').map((link) => link.getAttribute('href') ?? '');
    const fields = root.querySelectorAll('input, select').map((field) => field.getAttribute('name') ?? '');
    expect(hrefs.length).toBeGreaterThan(10);
    for (const value of [...hrefs, ...fields]) expect(value).not.toMatch(/utm_|gclid|fbclid|newsletter/);
    expect(root.toString()).not.toMatch(/utm_|gclid|fbclid|newsletter/);
  });

  it('do not reach catalog-read, which rejects unknown parameters', async () => {
    const requestId = `tracked-${Date.now()}`;
    const response = await get(stack.web.app, '/?category=Garden&utm_source=mail&gclid=1', {
      'x-request-id': requestId,
    });
    expect(response.statusCode).toBe(200);
    const calls = stack.read.received.filter((call) => call.headers['x-request-id'] === requestId);
    expect(calls.map((call) => call.url).sort()).toEqual([
      '/api/v1/categories',
      '/api/v1/products?category=Garden',
    ]);
  });

  it('do not grow the page cache: many random ones are all hits on the one entry', async () => {
    expect((await get(stack.web.app, CLEAN)).statusCode).toBe(200);
    const before = await pageCacheCounts();
    const requests = 300;
    for (let i = 0; i < requests; i++) {
      const noise = Math.random().toString(36).slice(2);
      const url = `${CLEAN}&utm_content=${noise}&x${noise}=${i}&gclid=${noise}`;
      const response = await get(stack.web.app, url);
      expect(response.statusCode, url).toBe(200);
    }
    const after = await pageCacheCounts();
    // A cache keyed by the raw address would have stored (and missed) a page per request.
    expect(after.miss - before.miss).toBe(0);
    expect(after.hit - before.hit).toBe(requests);
  });

  it('beside an invalid known parameter, the friendly 400 page still names it', async () => {
    for (const [url, name] of [
      ['/?min_price=abc&utm_source=newsletter', 'min_price'],
      ['/?gclid=1&cursor=not-a-cursor', 'cursor'],
      ['/?sort=cheapest&fbclid=2', 'sort'],
      ['/?limit=1e1&utm_medium=email', 'limit'],
    ] as const) {
      const root = await page(stack.web.app, url, 400);
      expect(texts(root, '.errors strong'), url).toEqual([name]);
    }
  });

  it('beside a submitted form’s empty fields, move with them to the one plain address (301)', async () => {
    const response = await get(stack.web.app, '/?q=&category=Garden&utm_source=newsletter&sort=name');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/?category=Garden');
  });
});
