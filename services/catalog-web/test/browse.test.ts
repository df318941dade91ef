import { eventually, type RunningService, startServiceProcess } from '@mystore/test-kit';
import { chromiumSuiteGate } from '@mystore/test-kit/browser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, screenshot } from './support/browser.js';
import { type BrowserStack, startBrowserStack } from './support/browser-stack.js';
import { type ApiProduct, apiJson, apiProducts } from './support/catalog-api.js';

const gate = chromiumSuiteGate();

/** catalog-read's interval for noticing a new catalog version (its default). */
const REFRESH_MS = 500;
/** What a loaded 2-core machine may add: page loads there can take a second or more each. */
const SLACK_MS = 10_000;
const ADMIN_TOKEN = 'browser-test-token-0123456789';

describe.skipIf(!gate.run)(
  gate.title('the storefront in Chromium, with JavaScript off'),
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    let stack: BrowserStack;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      stack = await startBrowserStack({ CATALOG_VERSION_REFRESH_MS: String(REFRESH_MS) });
      context = await stack.context();
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
      await stack?.stop();
    });

    const cardNames = () => page.locator('.card-title').allTextContents();
    const names = (products: readonly ApiProduct[]) => products.map((product) => product.name);

    it('browses a category from the navigation', async () => {
      await page.goto('/');
      await page
        .getByRole('navigation', { name: 'Categories' })
        .getByRole('link', { name: /^Garden \d+$/ })
        .click();
      await expect.poll(() => new URL(page.url()).search).toBe('?category=Garden');
      expect(await page.locator('h1').textContent()).toBe('Garden');
      expect(await cardNames()).toEqual(names(await apiProducts(stack.read.url, 'category=Garden')));
      await screenshot(page, 'category-desktop');
    });

    it('searches from the search box', async () => {
      await page.goto('/');
      await page.getByRole('searchbox', { name: 'Search products' }).fill('bamboo');
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).search).toBe('?q=bamboo');
      const found = await apiProducts(stack.read.url, 'q=bamboo');
      expect(found.length).toBeGreaterThan(1);
      expect(await cardNames()).toEqual(names(found));
      expect(await page.getByRole('searchbox').inputValue()).toBe('bamboo');
      await screenshot(page, 'search-desktop');
    });

    it('sorts by price with the filter form (a plain GET form, moved to its plain address)', async () => {
      await page.goto('/?category=Kitchen');
      await page.getByText('Filter and sort').click();
      await page.getByLabel('Sort by').selectOption({ label: 'Price (low to high)' });
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => new URL(page.url()).search).toBe('?category=Kitchen&sort=price');
      expect(await cardNames()).toEqual(
        names(await apiProducts(stack.read.url, 'category=Kitchen&sort=price')),
      );
      await page.getByLabel('Min price (USD)').fill('20');
      await page.getByLabel('In stock only').check();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => new URL(page.url()).search)
        .toBe('?category=Kitchen&min_price=20&in_stock=true&sort=price');
      expect(await cardNames()).toEqual(
        names(await apiProducts(stack.read.url, 'category=Kitchen&min_price=20&in_stock=true&sort=price')),
      );
    });

    it('pages forward to the end and back, and the back button returns to the page before', async () => {
      const all = names(await apiProducts(stack.read.url, 'sort=-price'));
      // Pages of 40 (the API's limit parameter, kept in every link): fewer page loads on a busy machine.
      await page.goto('/?sort=-price&limit=40');
      const forward = await cardNames();
      const next = page.getByRole('link', { name: 'Next page →' });
      while ((await next.count()) > 0) {
        await next.click();
        forward.push(...(await cardNames()));
      }
      expect(forward).toEqual(all);
      const lastPage = await cardNames();
      await page.goBack();
      const beforeLast = await cardNames();
      expect(beforeLast).not.toEqual(lastPage);
      await page.goForward();
      expect(await cardNames()).toEqual(lastPage);

      const backward = await cardNames();
      const previous = page.getByRole('link', { name: '← Previous page' });
      while ((await previous.count()) > 0) {
        await previous.click();
        backward.unshift(...(await cardNames()));
      }
      expect(backward).toEqual(all);
    });

    it('opens a product from the grid, and shows the out-of-stock state', async () => {
      const soldOut = (await apiProducts(stack.read.url, 'category=Kitchen')).find(
        (item) => item.stock_quantity === 0,
      );
      expect(soldOut, 'the seed has a sold-out kitchen product').toBeDefined();
      await page.goto('/?category=Kitchen');
      const card = page
        .locator('.card')
        .filter({ has: page.getByRole('heading', { name: soldOut!.name, exact: true }) });
      expect(await card.locator('.stock').textContent()).toBe('Out of stock');
      await card.getByRole('link').click();
      await expect
        .poll(() => new URL(page.url()).pathname)
        .toMatch(new RegExp(`^/products/${soldOut!.id}/[a-z0-9-]+$`));
      expect(await page.locator('h1').textContent()).toBe(soldOut!.name);
      expect(await page.locator('.product-info .stock').textContent()).toBe('Out of stock');
      const image = page.getByRole('img', { name: soldOut!.name });
      await expect
        .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      await screenshot(page, 'product-out-of-stock-desktop');
    });

    it('reaches every control with the keyboard alone, each with a visible focus indicator', async () => {
      await page.goto('/?category=Toys+%26+Games&sort=price');
      const focusables = await page.evaluate(() =>
        [...document.querySelectorAll('a[href], input:not([type=hidden]), select, button, summary')]
          .filter(
            (element) => (element as HTMLElement).offsetParent !== null || element.tagName === 'SUMMARY',
          )
          .map((element) => element.outerHTML.slice(0, 120)),
      );
      const reached: string[] = [];
      const withoutOutline: string[] = [];
      for (let i = 0; i < focusables.length + 5; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          return {
            html: element.outerHTML.slice(0, 120),
            outlined: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
          };
        });
        if (!focused) continue;
        reached.push(focused.html);
        if (!focused.outlined) withoutOutline.push(focused.html);
      }
      expect(new Set(reached)).toEqual(new Set(focusables));
      expect(withoutOutline).toEqual([]);
      expect(reached[0]).toContain('Skip to content');

      // And it works: the skip link, then a category chosen with Enter.
      await page.goto('/');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.getByRole('link', { name: /^Outdoor \d+$/ }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).search).toBe('?category=Outdoor');
    });

    it('takes phone and desktop screenshots of the main pages', async () => {
      const phone = await stack.context({ viewport: 'phone' });
      try {
        const phonePage = await phone.newPage();
        for (const [name, url] of [
          ['home', '/'],
          ['category', '/?category=Coffee+%26+Tea'],
          ['filters', '/?sort=price&in_stock=true'],
          ['product', '/products/1'],
          ['not-found', '/no-such-page'],
        ] as const) {
          await phonePage.goto(url);
          await screenshot(phonePage, `${name}-phone`);
          await page.goto(url);
          await screenshot(page, `${name}-desktop`);
        }
        // Nothing sticks out sideways on a phone.
        await phonePage.goto('/');
        expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      } finally {
        await phone.close();
      }
    });

    describe('a product created through admin-write', () => {
      let admin: RunningService;
      beforeAll(async () => {
        admin = await startServiceProcess('admin-write', {
          DATABASE_URL: 'sqlite:catalog.db',
          DATA_DIR: stack.catalog.dataDir,
          ADMIN_TOKENS: ADMIN_TOKEN,
        });
      }, 90_000);
      afterAll(async () => {
        await admin?.stop();
      });

      it('appears on the storefront within catalog-read’s refresh interval', async () => {
        await page.goto('/?category=Lamps');
        expect(await page.locator('.card').count()).toBe(0);
        const response = await fetch(`${admin.url}/api/admin/products`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'Brass Reading Lamp',
            price: '64.00',
            category: 'Lamps',
            stock_quantity: 4,
          }),
        });
        expect(response.status, await response.clone().text()).toBe(201);
        const created = (await response.json()) as { id: number };
        // Reloading revalidates the page (the browser may hold it for max-age otherwise).
        await eventually(
          async () => {
            await page.reload();
            expect(await cardNames()).toEqual(['Brass Reading Lamp']);
          },
          REFRESH_MS + SLACK_MS,
          50,
        );
        expect(await page.locator('.card .stock').textContent()).toBe('Only 4 left');
        expect(await apiJson<{ id: number }>(stack.read.url, `/api/v1/products/${created.id}`)).toMatchObject(
          {
            id: created.id,
          },
        );
      });
    });
  },
);
