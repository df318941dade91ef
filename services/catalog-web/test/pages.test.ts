import { eventually } from '@mystore/test-kit';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiList, type ApiProduct, apiJson, apiProducts } from './support/catalog-api.js';
import { attribute, get, page, texts } from './support/pages.js';
import {
  type Catalog,
  type CatalogRead,
  type CatalogWeb,
  SHOP_URL,
  type Stack,
  startStack,
} from './support/stack.js';

let stack: Stack;
let catalog: Catalog;
let read: CatalogRead;
let web: CatalogWeb;
/** Ids of products this file adds, for stock states and prices. */
let added: { plenty: number; few: number; none: number; dear: number; cheap: number };

const api = <T>(path: string) => apiJson<T>(read.url, path);
const apiAll = (query: string) => apiProducts(read.url, query);

beforeAll(async () => {
  stack = await startStack([
    { name: 'Plenty Teapot', price: '24.00', category: 'Test Stock', stock_quantity: 40 },
    { name: 'Few Teapot', price: '25.00', category: 'Test Stock', stock_quantity: 3 },
    { name: 'No Teapot', price: '26.00', category: 'Test Stock', stock_quantity: 0 },
    { name: 'Dear Teapot', price: '99999999.99', category: 'Test Prices', stock_quantity: 1 },
    { name: 'Cheap Teapot', price: '0.10', category: 'Test Prices', stock_quantity: 9 },
  ]);
  ({ catalog, read, web } = stack);
  const [plenty, few, none, dear, cheap] = stack.ids as [number, number, number, number, number];
  added = { plenty, few, none, dear, cheap };
});
afterAll(async () => {
  await stack?.stop();
});

describe('listing pages', () => {
  it('home: every category with its count, and the first page of products in the API’s order', async () => {
    const [root, categories, list] = await Promise.all([
      page(web.app, '/'),
      api<{ name: string; product_count: number }[]>('/api/v1/categories'),
      api<ApiList>('/api/v1/products'),
    ]);
    expect(root.querySelector('title')?.text).toBe('Shop all products | mystore');
    expect(attribute(root, 'link[rel=canonical]', 'href')).toBe(`${SHOP_URL}/`);
    expect(attribute(root, 'meta[name=description]', 'content')).toContain(`${list.total} products`);
    expect(texts(root, 'h1')).toEqual(['All products']);
    const total = categories.reduce((sum, category) => sum + category.product_count, 0);
    expect(texts(root, '.categories li')).toEqual([
      `All products ${total}`,
      ...categories.map((category) => `${category.name} ${category.product_count}`),
    ]);
    expect(attribute(root, '.categories a[aria-current=page]', 'href')).toBe('/');
    expect(texts(root, '.card-title')).toEqual(list.items.map((item) => item.name));
    expect(texts(root, '.result-count')).toEqual([`${list.total} products`]);
    expect(attribute(root, '.pagination a[rel=next]', 'href')).toBe(`/?cursor=${list.next_cursor}`);
    expect(root.querySelector('.pagination a[rel=prev]')).toBeNull();
  });

  it('a category: its products only, marked as the current category, canonical to itself', async () => {
    const root = await page(web.app, '/?category=Coffee+%26+Tea');
    const list = await api<ApiList>('/api/v1/products?category=Coffee+%26+Tea');
    expect(list.items.length).toBeGreaterThan(0);
    expect(texts(root, 'h1')).toEqual(['Coffee & Tea']);
    expect(root.querySelector('title')?.text).toBe('Coffee & Tea | mystore');
    expect(attribute(root, 'link[rel=canonical]', 'href')).toBe(`${SHOP_URL}/?category=Coffee+%26+Tea`);
    expect(attribute(root, '.categories a[aria-current=page]', 'href')).toBe('/?category=Coffee+%26+Tea');
    expect(texts(root, '.card-title')).toEqual(list.items.map((item) => item.name));
    // The filter form keeps the category while the filters change.
    expect(attribute(root, '.filters input[name=category]', 'value')).toBe('Coffee & Tea');
  });

  it('search results: the API’s matches, the words kept in the search box, not indexed', async () => {
    const root = await page(web.app, '/?q=ceramic');
    const list = await api<ApiList>('/api/v1/products?q=ceramic');
    expect(list.total).toBeGreaterThan(0);
    expect(texts(root, 'h1')).toEqual(['Results for “ceramic”']);
    expect(attribute(root, '#search-q', 'value')).toBe('ceramic');
    expect(attribute(root, 'meta[name=robots]', 'content')).toBe('noindex, follow');
    expect(root.querySelector('link[rel=canonical]')).toBeNull();
    expect(texts(root, '.card-title')).toEqual(list.items.map((item) => item.name));
  });

  it('price range, stock filter and sort: the API’s order, with the form showing the state', async () => {
    const query = 'min_price=10&max_price=30&in_stock=true&sort=-price';
    const root = await page(web.app, `/?${query}`);
    const list = await api<ApiList>(`/api/v1/products?${query}`);
    expect(list.items.length).toBeGreaterThan(1);
    expect(texts(root, '.card-title')).toEqual(list.items.map((item) => item.name));
    expect(attribute(root, '#min_price', 'value')).toBe('10');
    expect(attribute(root, '#max_price', 'value')).toBe('30');
    expect(root.querySelector('#in_stock')?.hasAttribute('checked')).toBe(true);
    expect(attribute(root, '#sort option[selected]', 'value')).toBe('-price');
    expect(texts(root, '.stock')).not.toContain('Out of stock');
  });

  it('pages forward to the end and back with the API’s cursors: every product once, in order', async () => {
    const all = await apiAll('sort=price');
    const pageNames = async (url: string) => {
      const root = await page(web.app, url);
      return {
        names: texts(root, '.card-title'),
        next: attribute(root, '.pagination a[rel=next]', 'href'),
        previous: attribute(root, '.pagination a[rel=prev]', 'href'),
      };
    };
    let current = await pageNames('/?sort=price&limit=12');
    const forward = [...current.names];
    let pages = 1;
    while (current.next) {
      current = await pageNames(current.next);
      forward.push(...current.names);
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(all.length / 12));
    expect(forward).toEqual(all.map((item) => item.name));
    const backward = [...current.names];
    while (current.previous) {
      current = await pageNames(current.previous);
      backward.unshift(...current.names);
    }
    expect(backward).toEqual(forward);
  });

  it('a submitted form’s empty fields and defaults move to the one plain address (301)', async () => {
    const cases: [string, string][] = [
      ['/?q=&min_price=&max_price=&sort=name', '/'],
      ['/?sort=price&q=mug&min_price=', '/?q=mug&sort=price'],
      ['/?limit=20&category=Garden', '/?category=Garden'],
      ['/?in_stock=false', '/'],
    ];
    for (const [from, to] of cases) {
      const response = await get(web.app, from);
      expect(response.statusCode, from).toBe(301);
      expect(response.headers.location, from).toBe(to);
    }
  });

  it('an address the catalog’s rules refuse is a 400 page naming each parameter; nothing is called', async () => {
    const cases: [string, string][] = [
      ['/?min_price=abc', 'min_price'],
      ['/?min_price=30&max_price=10', 'min_price'],
      ['/?sort=cheapest', 'sort'],
      ['/?cursor=not-a-cursor', 'cursor'],
      ['/?limit=1000', 'limit'],
      [`/?q=${'x'.repeat(201)}`, 'q'],
      ['/?q=a&q=b', 'q'],
    ];
    for (const [url, name] of cases) {
      const root = await page(web.app, url, 400);
      expect(texts(root, 'h1'), url).toEqual(['We couldn’t use those filters']);
      expect(texts(root, '.errors strong'), url).toContain(name);
      expect(attribute(root, 'meta[name=robots]', 'content')).toBe('noindex, follow');
    }
  });

  it('a cursor of another sort is refused with a 400 page, as the API refuses it', async () => {
    const list = await api<ApiList>('/api/v1/products?sort=price');
    const root = await page(web.app, `/?sort=newest&cursor=${list.next_cursor}`, 400);
    expect(texts(root, '.errors strong')).toEqual(['cursor']);
  });
});

describe('product pages', () => {
  it('show the product: name, image, description, price in the shop’s currency, stock, canonical URL', async () => {
    const product = await api<ApiProduct>('/api/v1/products/1');
    const slugged = (await get(web.app, '/products/1')).headers.location as string;
    expect(slugged).toMatch(/^\/products\/1\/[a-z0-9-]+$/);
    const root = await page(web.app, slugged);
    expect(texts(root, 'h1')).toEqual([product.name]);
    expect(root.querySelector('title')?.text).toBe(`${product.name} – ${product.category} | mystore`);
    expect(attribute(root, 'link[rel=canonical]', 'href')).toBe(`${SHOP_URL}${slugged}`);
    expect(texts(root, '.description')).toEqual([product.description]);
    expect(attribute(root, '.product-image', 'alt')).toBe(product.name);
    expect(attribute(root, '.product-image', 'src')).toBe(new URL(product.image_url!).pathname);
    expect(texts(root, '.breadcrumb li')).toEqual(['All products', product.category, product.name]);
    const price = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    expect(texts(root, '.product-price')).toEqual([price.format(Number(product.price))]);
  });

  it('prices are formatted from the exact decimal text', async () => {
    const dear = await page(web.app, `/products/${added.dear}/dear-teapot`);
    expect(texts(dear, '.product-price')).toEqual(['$99,999,999.99']);
    const cheap = await page(web.app, `/products/${added.cheap}/cheap-teapot`);
    expect(texts(cheap, '.product-price')).toEqual(['$0.10']);
  });

  it('stock: “In stock”, “Only 3 left”, “Out of stock”, on the product page and in the grid', async () => {
    const states: [number, string, string][] = [
      [added.plenty, 'plenty-teapot', 'In stock'],
      [added.few, 'few-teapot', 'Only 3 left'],
      [added.none, 'no-teapot', 'Out of stock'],
    ];
    for (const [id, slug, label] of states) {
      expect(texts(await page(web.app, `/products/${id}/${slug}`), '.product-info .stock')).toEqual([label]);
    }
    const grid = await page(web.app, '/?category=Test+Stock');
    const shown = grid
      .querySelectorAll('.card')
      .map((card) => [card.querySelector('.card-title')?.text, card.querySelector('.stock')?.text]);
    expect(Object.fromEntries(shown)).toEqual({
      'Plenty Teapot': 'In stock',
      'Few Teapot': 'Only 3 left',
      'No Teapot': 'Out of stock',
    });
  });

  it('an old slug or no slug redirect (301) to the one address, keeping a query string', async () => {
    for (const url of [`/products/${added.few}`, `/products/${added.few}/old-name`]) {
      const response = await get(web.app, url);
      expect(response.statusCode, url).toBe(301);
      expect(response.headers.location, url).toBe(`/products/${added.few}/few-teapot`);
    }
    const tracked = await get(web.app, `/products/${added.few}/old-name?utm_source=mail&gclid=x1`);
    expect(tracked.statusCode).toBe(301);
    expect(tracked.headers.location).toBe(`/products/${added.few}/few-teapot?utm_source=mail&gclid=x1`);
  });

  it('tracking parameters on a product page are ignored: the page, its ETag and its canonical link', async () => {
    const plain = await get(web.app, `/products/${added.few}/few-teapot`);
    const tracked = await get(web.app, `/products/${added.few}/few-teapot?utm_source=mail&gclid=x1`);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.headers.etag).toBe(plain.headers.etag);
    expect(tracked.body).toBe(plain.body);
    const root = await page(web.app, `/products/${added.few}/few-teapot?fbclid=y2`);
    expect(attribute(root, 'link[rel=canonical]', 'href')).toBe(
      `${SHOP_URL}/products/${added.few}/few-teapot`,
    );
  });

  it('an unknown, inactive or malformed product is the friendly 404 page', async () => {
    const [inactive] = await catalog.add([{ name: 'Gone Teapot', price: '1.00', is_active: false }]);
    for (const url of [
      '/products/999999/x',
      `/products/${inactive}/gone-teapot`,
      '/products/abc',
      '/products/1e3',
    ]) {
      const root = await page(web.app, url, 404);
      expect(texts(root, 'h1'), url).toEqual(['We couldn’t find that page']);
    }
  });
});

describe('other addresses', () => {
  it('an unknown address is the friendly 404 page', async () => {
    const root = await page(web.app, '/no/such/page?x=1', 404);
    expect(texts(root, 'h1')).toEqual(['We couldn’t find that page']);
    expect(attribute(root, 'a.button', 'href')).toBe('/');
  });

  it('robots.txt points to the sitemap, which lists the home page, every category and every active product', async () => {
    const robots = await get(web.app, '/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.body).toContain(`Sitemap: ${SHOP_URL}/sitemap.xml`);
    const sitemap = await get(web.app, '/sitemap.xml');
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
    const locations = [...sitemap.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) =>
      match[1]!.replaceAll('&amp;', '&'),
    );
    const categories = await api<{ name: string }[]>('/api/v1/categories');
    const products = await apiAll('sort=name');
    expect(locations).toHaveLength(1 + categories.length + products.length);
    expect(locations).toContain(`${SHOP_URL}/?category=Coffee+%26+Tea`);
    expect(locations).toContain(`${SHOP_URL}/products/${added.few}/few-teapot`);
    expect(new Set(locations).size).toBe(locations.length);
  });
});

describe('responses', () => {
  const csp = (response: LightMyRequestResponse) => String(response.headers['content-security-policy']);

  it('pages carry a strict Content-Security-Policy, a request id, Cache-Control and a weak ETag', async () => {
    const response = await get(web.app, '/?category=Garden');
    expect(csp(response)).toContain("script-src 'none'");
    expect(csp(response)).toContain("default-src 'none'");
    expect(csp(response)).not.toContain('unsafe-inline');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-request-id']).toMatch(/^[\w-]+$/);
    expect(response.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=30');
    expect(response.headers.etag).toMatch(/^W\/"[\w-]+"$/);
  });

  it('calls to catalog-read carry the request id and the W3C trace context of the page request', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const requestId = `page-${Date.now()}`;
    const response = await get(web.app, '/?category=Outdoor', { 'x-request-id': requestId, traceparent });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe(requestId);
    const calls = read.received.filter((call) => call.headers['x-request-id'] === requestId);
    expect(calls.map((call) => call.url).sort()).toEqual([
      '/api/v1/categories',
      '/api/v1/products?category=Outdoor',
    ]);
    for (const call of calls) expect(call.headers.traceparent).toBe(traceparent);
  });

  it('a repeated page costs catalog-read a 304 per API answer, and the browser a 304 without a body', async () => {
    const first = await get(web.app, '/?category=Home+Decor');
    expect(first.statusCode).toBe(200);
    const requestId = `again-${Date.now()}`;
    const again = await get(web.app, '/?category=Home+Decor', { 'x-request-id': requestId });
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    const calls = read.received.filter((call) => call.headers['x-request-id'] === requestId);
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call.headers['if-none-match']).toMatch(/^"v\d+-/);
    const metrics = await web.registry.metrics();
    expect(metrics).toMatch(
      /mystore_upstream_request_duration_seconds_count\{upstream="catalog-read",operation="products",outcome="not_modified"\} [1-9]/,
    );
    expect(metrics).toMatch(/mystore_page_cache_requests_total\{result="hit"\} [1-9]/);

    const revalidated = await get(web.app, '/?category=Home+Decor', {
      'if-none-match': String(first.headers.etag),
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('a catalog change reaches the page: a new product appears, under a new ETag', async () => {
    const before = await get(web.app, '/?category=Test+Arrivals');
    const [id] = await catalog.add([{ name: 'Fresh Arrival', price: '5.00', category: 'Test Arrivals' }]);
    const after = await eventually(
      async () => {
        const response = await get(web.app, '/?category=Test+Arrivals', {
          'if-none-match': String(before.headers.etag),
        });
        expect(response.statusCode).toBe(200);
        return response;
      },
      10_000,
      50,
    );
    expect(after.body).toContain(`href="/products/${id}/fresh-arrival"`);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('are compressed for browsers that accept it', async () => {
    const gzip = await get(web.app, '/', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toContain('accept-encoding');
    const brotli = await get(web.app, '/', { 'accept-encoding': 'br, gzip' });
    expect(brotli.headers['content-encoding']).toBe('br');
  });

  it('error pages are never cached; the 404 page has no ETag', async () => {
    const response = await get(web.app, '/nowhere');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.etag).toBeUndefined();
  });
});

describe('assets and images', () => {
  it('the stylesheet and icon have fingerprinted names and are cached as immutable', async () => {
    const root = await page(web.app, '/');
    const stylesheet = attribute(root, 'link[rel=stylesheet]', 'href')!;
    const icon = attribute(root, 'link[rel=icon]', 'href')!;
    expect(stylesheet).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
    for (const [url, type] of [
      [stylesheet, 'text/css'],
      [icon, 'image/svg+xml'],
    ] as const) {
      const response = await get(web.app, url);
      expect(response.statusCode, url).toBe(200);
      expect(String(response.headers['content-type'])).toContain(type);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    expect((await get(web.app, '/assets/site.0000000000.css')).statusCode).toBe(404);
    expect((await get(web.app, '/assets/site.css')).statusCode).toBe(404);
  });

  it('every image a listing shows is served by the storefront itself', async () => {
    const root = await page(web.app, '/?limit=100');
    const sources = root.querySelectorAll('.card img').map((image) => image.getAttribute('src')!);
    expect(sources.length).toBe(100);
    for (const source of new Set(sources)) {
      expect(source, 'a path on the storefront').toMatch(/^\/(images|assets)\//);
      const response = await get(web.app, source);
      expect(response.statusCode, source).toBe(200);
      expect(response.headers['content-type'], source).toBe('image/svg+xml');
    }
  });

  it('no file outside the image folder can be reached', async () => {
    for (const url of [
      '/images/../package.json',
      '/images/%2e%2e/package.json',
      '/images/products/../../src/app.ts',
    ]) {
      expect((await get(web.app, url)).statusCode, url).toBe(404);
    }
  });
});
