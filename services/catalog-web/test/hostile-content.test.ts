import type { HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_SEARCHES, HOSTILE_TEXTS, hostileProducts } from './support/hostile.js';
import { get, page, texts } from './support/pages.js';
import { type CatalogWeb, type Stack, startStack } from './support/stack.js';

const CATEGORY = '<em>"Hostile" & Co</em>';

let stack: Stack;
let web: CatalogWeb;
let ids: number[];

beforeAll(async () => {
  stack = await startStack(hostileProducts(CATEGORY));
  ({ web, ids } = stack);
});
afterAll(async () => {
  await stack?.stop();
});

/**
 * Nothing in the page can run or load what the data says: the storefront writes no script and no event
 * handler attribute, so any is injected; every link and image points where the storefront decided.
 */
function expectInert(html: string, root: HTMLElement): void {
  // '<' in data is always escaped, in text and in attribute values alike.
  expect(html).not.toMatch(/<(script|iframe|style|img src=x)/i);
  expect(root.querySelectorAll('script, iframe, style, object, embed, base')).toEqual([]);
  for (const element of root.querySelectorAll('*')) {
    expect(Object.keys(element.attributes).filter((name) => /^on/i.test(name))).toEqual([]);
  }
  for (const link of root.querySelectorAll('[href]')) {
    expect(link.getAttribute('href')).toMatch(/^(\/|https?:\/\/|#main$)/);
  }
  for (const image of root.querySelectorAll('img')) {
    expect(image.getAttribute('src')).toMatch(/^(\/|https:\/\/img\.example\/)/);
  }
}

async function hostilePage(url: string): Promise<{ html: string; root: HTMLElement }> {
  const root = await page(web.app, url);
  const html = root.toString();
  expectInert(html, root);
  return { html, root };
}

describe('hostile product fields', () => {
  it('are shown as written in the grid: names, the category, links and images inert', async () => {
    const category = `/?category=${encodeURIComponent(CATEGORY).replaceAll('%20', '+')}`;
    const { root } = await hostilePage(`${category}&limit=100`);
    expect(texts(root, 'h1')).toEqual([CATEGORY]);
    const names = texts(root, '.card-title');
    for (const [index, text] of HOSTILE_TEXTS.entries()) {
      expect(names).toContain(`${text} #${index}`.replace(/\s+/g, ' ').trim());
    }
    expect(root.querySelector('title')?.text).toBe(`${CATEGORY} | mystore`);
  });

  it('are shown as written on each product page: title, heading, description, breadcrumb, meta tags', async () => {
    for (const [index, text] of HOSTILE_TEXTS.entries()) {
      const location = String((await get(web.app, `/products/${ids[index]}`)).headers.location);
      expect(location).toMatch(/^\/products\/\d+\/[a-z0-9-]+$/);
      const { root } = await hostilePage(location);
      const name = `${text} #${index}`;
      expect(root.querySelector('h1')?.text).toBe(name);
      expect(root.querySelector('title')?.text).toBe(`${name} – ${CATEGORY} | mystore`);
      expect(root.querySelector('.description')?.text).toBe(
        `${text}\n<iframe src="javascript:alert(1)"></iframe>`,
      );
      expect(root.querySelector('.breadcrumb [aria-current]')?.text).toBe(name);
      expect(root.querySelector('meta[name=description]')?.getAttribute('content')).toContain(
        text.trim().replace(/\s+/g, ' '),
      );
      expect(root.querySelector('.product-image')?.getAttribute('src')).toBe(
        `https://img.example/p.png?a=${index}&b=%22onerror%3D`,
      );
    }
  });

  it('a very long name and description are shown whole; an unusable image URL shows the placeholder', async () => {
    const long = hostileProducts(CATEGORY).at(-2)!;
    const longPage = await hostilePage(
      String((await get(web.app, `/products/${ids.at(-2)}`)).headers.location),
    );
    expect(longPage.root.querySelector('h1')?.text).toBe(long.name);
    expect(longPage.root.querySelector('.description')?.text).toBe(long.description);
    const scripted = await hostilePage(
      String((await get(web.app, `/products/${ids.at(-1)}`)).headers.location),
    );
    expect(scripted.root.querySelector('.product-image')?.getAttribute('src')).toMatch(
      /^\/assets\/placeholder\./,
    );
  });
});

describe('hostile search text', () => {
  it('is kept in the search box and the heading exactly, and in every link as one parameter', async () => {
    for (const q of HOSTILE_SEARCHES) {
      const url = `/?${new URLSearchParams({ q })}`;
      const { root } = await hostilePage(url);
      expect(root.querySelector('#search-q')?.getAttribute('value'), q).toBe(q);
      expect(root.querySelector('.filters input[name=q]')?.getAttribute('value'), q).toBe(q);
      expect(root.querySelector('h1')?.text, q).toBe(`Results for “${q}”`);
      for (const link of root.querySelectorAll('.pagination a')) {
        expect(new URL(link.getAttribute('href')!, 'http://x').searchParams.get('q')).toBe(q);
      }
    }
  });

  it('odd percent-encodings and bytes never cause a server error', async () => {
    const queries = [
      '%00',
      '%C0%AF',
      '%FF%FE',
      '%E2%80%AE',
      '%',
      '%zz',
      '%F0%9F',
      '%EF%BF%BF',
      '%2525',
      '+%2B+',
    ];
    for (const raw of queries) {
      for (const url of [`/?q=${raw}`, `/?category=${raw}`, `/?${raw}=1`, `/products/${raw}`]) {
        const response = await get(web.app, url);
        expect([200, 301, 400, 404], `${url}: ${response.statusCode}`).toContain(response.statusCode);
        if (response.statusCode === 200) expectInert(response.body, await page(web.app, url));
      }
    }
  });
});
