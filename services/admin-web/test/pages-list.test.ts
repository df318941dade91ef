import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, textOf } from './support/catalog.js';
import { inject, type Stack, startStack } from './support/stack.js';
import { inputValue, Visitor } from './support/visitor.js';

/** Product ids in the order a page lists them. */
function listedIds(html: string): number[] {
  return [...html.matchAll(/<td><a href="\/products\/(\d+)">/g)].map((match) => Number(match[1]));
}

/** The href of a link with this text. */
function linkHref(html: string, text: string): string | undefined {
  const href = new RegExp(`<a href="([^"]+)"[^>]*>${text}</a>`).exec(html)?.[1];
  return href?.replace(/&amp;/g, '&');
}

describe('admin-web product list (against a real admin-write on SQLite)', () => {
  let stack: Stack;
  let owner: Visitor;
  beforeAll(async () => {
    stack = await startStack({ PAGE_SIZE: '10', LOW_STOCK_THRESHOLD: '5' });
    owner = new Visitor(stack.web.app);
    await owner.follow(await owner.signIn());
  });
  afterAll(async () => stack?.stop());

  it('sends a visitor to sign in, and back to the page asked for afterwards', async () => {
    const visitor = new Visitor(stack.web.app);
    const asked = await visitor.get('/products?q=mug');
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/products?q=mug')}`);
    const signInPage = await visitor.follow(asked);
    expect(signInPage.statusCode).toBe(200);
    expect(signInPage.body).toContain('<input type="hidden" name="next" value="/products?q=mug"/>');
    const signedIn = await visitor.post('/sign-in', {
      password: 'correct horse battery staple',
      next: '/products?q=mug',
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/products?q=mug');
    expect((await visitor.get('/')).headers.location).toBe('/products');
  });

  it('lists products in admin-write order, ten a page, with next and previous pages that keep the filters', async () => {
    const expected = await adminApi(stack).list('sort=-price&limit=10');
    const first = await owner.get('/products?sort=-price&q=&category=');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(listedIds(first.body)).toEqual(expected.items.map((item) => item.id));
    expect(textOf(first.body)).toContain(`${expected.total} products`);
    expect(first.body).toContain('<option value="-price" selected>');

    const nextHref = linkHref(first.body, 'Next page');
    expect(nextHref).toMatch(/^\/products\?sort=-price&cursor=/);
    const second = await owner.get(nextHref!);
    const expectedSecond = await adminApi(stack).list(`sort=-price&limit=10&cursor=${expected.next_cursor}`);
    expect(listedIds(second.body)).toEqual(expectedSecond.items.map((item) => item.id));
    const previous = await owner.get(linkHref(second.body, 'Previous page')!);
    expect(listedIds(previous.body)).toEqual(listedIds(first.body));
  });

  it('filters by search words, category, status and stock', async () => {
    const api = adminApi(stack);
    const [sample] = (await api.list('limit=1&sort=name')).items;
    const category = sample!.category!;
    const inCategory = await api.list(`category=${encodeURIComponent(category)}&limit=100`);
    const page = await owner.get(`/products?category=${encodeURIComponent(category)}`);
    expect(textOf(page.body)).toContain(`${inCategory.total} products`);
    expect(inputValue(page.body, 'category')).toBe(category);
    expect(listedIds(page.body)).toEqual(inCategory.items.slice(0, 10).map((item) => item.id));

    const hidden = await api.create({ name: 'Retired lantern xylophone', price: '3.00', is_active: false });
    const inactive = await owner.get('/products?is_active=false');
    expect(listedIds(inactive.body)).toContain(hidden.id);
    expect(inactive.body).toContain('<option value="false" selected>');
    expect(listedIds((await owner.get('/products?is_active=true&q=xylophone')).body)).not.toContain(
      hidden.id,
    );
    expect(listedIds((await owner.get('/products?q=xylophone')).body)).toEqual([hidden.id]);
    expect(listedIds((await owner.get('/products?q=xylophone&in_stock=true')).body)).toEqual([]);
  });

  it('highlights low stock and no stock, in words as well as colour', async () => {
    const api = adminApi(stack);
    const low = await api.create({ name: 'Lowstock quokka lamp', price: '9.00', stock_quantity: 3 });
    const none = await api.create({ name: 'Nostock quokka lamp', price: '9.00', stock_quantity: 0 });
    const plenty = await api.create({ name: 'Plenty quokka lamp', price: '9.00', stock_quantity: 6 });
    const page = await owner.get('/products?q=quokka');
    expect(listedIds(page.body).sort()).toEqual([low.id, none.id, plenty.id].sort());
    expect(page.body).toContain('<td class="num stock-low">3 (low)</td>');
    expect(page.body).toContain('<td class="num stock-out">0 (out of stock)</td>');
    expect(page.body).toContain('<td class="num">6</td>');
  });

  it('escapes what products contain', async () => {
    const product = await adminApi(stack).create({ name: '<script>alert("x")</script> zebu', price: '1.00' });
    const page = await owner.get('/products?q=zebu');
    expect(listedIds(page.body)).toEqual([product.id]);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> zebu');
  });

  it('answers a query it cannot use with a page saying so, never a 500', async () => {
    const unknown = await owner.get('/products?colour=red');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
    expect(textOf(unknown.body)).toContain('The request was not understood');

    const badCursor = await owner.get('/products?sort=price&cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.statusCode).toBe(400);
    expect(textOf(badCursor.body)).toContain('cursor');
    const badPrice = await owner.get('/products?min_price=5&max_price=1');
    expect(badPrice.statusCode).toBe(400);
    expect(textOf(badPrice.body)).toContain('min_price is greater than max_price');
  });

  it('has a 404 page, health and readiness, and a cacheable stylesheet', async () => {
    const missing = await owner.get('/no/such/page');
    expect(missing.statusCode).toBe(404);
    expect(textOf(missing.body)).toContain('This page does not exist.');
    expect((await owner.get('/products/999999')).statusCode).toBe(404);
    expect((await inject(stack.web.app, { method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await inject(stack.web.app, { method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(missing.body)![1]!;
    // Asked for by a signed-in owner: a response any cache may keep must carry no cookie.
    const css = await owner.get(href);
    expect(css.statusCode).toBe(200);
    expect(css.headers['set-cookie']).toBeUndefined();
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('immutable');
  });
});
