import { chromiumSuiteGate } from '@mystore/test-kit/browser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, seriousAxeViolations } from './support/browser.js';
import { type BrowserStack, startBrowserStack } from './support/browser-stack.js';
import { HOSTILE_SEARCHES, HOSTILE_TEXTS, hostileProducts } from './support/hostile.js';
import { type CatalogWeb, listen, startCatalogWeb } from './support/stack.js';

const gate = chromiumSuiteGate();

describe.skipIf(!gate.run)(
  gate.title('the storefront in Chromium: accessibility and hostile content'),
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    let stack: BrowserStack;
    /** A storefront whose catalog-read is unreachable: it serves the 503 page. */
    let cut: { web: CatalogWeb; base: string };
    let hostileIds: number[];

    beforeAll(async () => {
      stack = await startBrowserStack();
      hostileIds = await stack.catalog.add(hostileProducts('Hostile'));
      // Port 9 (discard) on loopback: nothing listens, so every call is refused at once.
      const web = await startCatalogWeb('http://127.0.0.1:9');
      cut = { web, base: await listen(web.app) };
    });
    afterAll(async () => {
      await cut?.web.app.close();
      await stack?.stop();
    });

    describe('axe-core finds no serious or critical violation', () => {
      let context: BrowserContext;
      let page: Page;
      beforeAll(async () => {
        context = await stack.context({ javaScript: true });
        page = await context.newPage();
      });
      afterAll(async () => {
        await context?.close();
      });

      const pages: [string, string, number][] = [
        ['home', '/', 200],
        ['category', '/?category=Coffee+%26+Tea', 200],
        ['search', '/?q=bamboo', 200],
        ['filters open', '/?sort=price&in_stock=true', 200],
        ['product', '/products/1', 200],
        ['no results', '/?q=zzzzzz', 200],
        ['404', '/no-such-page', 404],
        ['400', '/?min_price=abc', 400],
      ];
      for (const [name, url, status] of pages) {
        it(`${name} (${url})`, async () => {
          const response = await page.goto(url);
          expect(response?.status()).toBe(status);
          expect(await seriousAxeViolations(page)).toEqual([]);
        });
      }

      it('(the check itself finds what it should: an unlabelled field and an image without a text)', async () => {
        await page.goto('/');
        await page.setContent(
          '<!doctype html><html lang="en"><title>t</title><main><img src="/x.png"><input></main></html>',
        );
        const found = (await seriousAxeViolations(page)).map((violation) => violation.id).sort();
        expect(found).toEqual(['image-alt', 'label']);
      });

      it('the 503 page', async () => {
        const response = await page.goto(`${cut.base}/`);
        expect(response?.status()).toBe(503);
        expect(await page.locator('h1').textContent()).toBe('The catalog is temporarily unavailable');
        expect(await seriousAxeViolations(page)).toEqual([]);
      });

      it('at phone width', async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        for (const url of ['/', '/products/1']) {
          await page.goto(url);
          expect(await seriousAxeViolations(page), url).toEqual([]);
        }
      });
    });

    describe('hostile content, with JavaScript on and the Content-Security-Policy bypassed', () => {
      // With the policy out of the way any markup that got through would run: what is tested here is
      // the escaping itself. A dialog or an element that the page did not write would show it.
      let context: BrowserContext;
      let page: Page;
      const dialogs: string[] = [];

      beforeAll(async () => {
        context = await stack.context({ javaScript: true, bypassCsp: true });
        page = await context.newPage();
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
      });
      afterAll(async () => {
        await context?.close();
      });

      const injected = () =>
        page.evaluate(() => ({
          scripts: document.querySelectorAll('script, iframe, object, embed').length,
          handlers: [...document.querySelectorAll('*')].flatMap((element) =>
            element.getAttributeNames().filter((name) => name.startsWith('on')),
          ),
        }));

      it('product fields show as text on product pages and in the grid', async () => {
        for (const [index, text] of HOSTILE_TEXTS.entries()) {
          await page.goto(`/products/${hostileIds[index]}`);
          expect(await page.locator('h1').textContent()).toBe(`${text} #${index}`);
          expect(await injected()).toEqual({ scripts: 0, handlers: [] });
        }
        await page.goto('/?category=Hostile&limit=100');
        await page.locator('.card-link').first().hover();
        expect(await page.locator('.card').count()).toBe(hostileIds.length);
        expect(await injected()).toEqual({ scripts: 0, handlers: [] });
        expect(dialogs).toEqual([]);
      });

      it('search text shows as text in the box and the heading', async () => {
        await page.goto('/');
        // Each search from the box on the page before: the results page has it too.
        for (const q of HOSTILE_SEARCHES) {
          await page.getByRole('searchbox').fill(q);
          await page.keyboard.press('Enter');
          await page.waitForURL((url) => url.searchParams.get('q') === q);
          expect(await page.getByRole('searchbox').inputValue()).toBe(q);
          expect(await page.locator('h1').textContent()).toBe(`Results for “${q}”`);
          expect(await injected()).toEqual({ scripts: 0, handlers: [] });
        }
        expect(dialogs).toEqual([]);
      });
    });
  },
);
