import type { AddressInfo } from 'node:net';
import { eventually, type RunningService, startServiceProcess } from '@mystore/test-kit';
import {
  chromiumSuiteGate,
  launchChromium,
  screenshot,
  seriousAxeViolations,
} from '@mystore/test-kit/browser';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminWrite,
  closeAll,
  prepareSqlite,
  startAdminWrite,
} from '../../admin-write/test/support/api/harness.js';
import { adminApi, uniqueName, uniqueSku } from './support/catalog.js';
import { adminWebEnv, OWNER_PASSWORD, type Stack, untilAnswering } from './support/stack.js';

const gate = chromiumSuiteGate();

/** SIGTERM, then the exit code: a graceful shutdown. */
async function stopGracefully(server: RunningService): Promise<number | null> {
  server.child.kill('SIGTERM');
  return (await server.exited).code;
}

/** The log lines at level error or above. */
const errorLines = (server: RunningService) => server.lines.filter((line) => Number(line.level ?? 0) >= 50);
const HEADER = 'sku,name,description,price,category,stock_quantity,image_url,is_active';

/** How often catalog-read looks for a new catalog version (CATALOG_VERSION_REFRESH_MS). */
const REFRESH_MS = 100;
/** How long a browser may keep a storefront page without asking again (PAGE_CACHE_CONTROL's max-age). */
const PAGE_MAX_AGE_S = 1;
/** What a loaded 2-core machine may add: page loads there can take a second or more each. */
const SLACK_MS = 10_000;
/** A change in the console reaches the storefront within catalog-read's refresh and the page's max-age. */
const STOREFRONT_DEADLINE_MS = REFRESH_MS + PAGE_MAX_AGE_S * 1000 + SLACK_MS;

// The whole system: admin-write on a SQLite file (in this process, over HTTP), catalog-read and
// catalog-web on the same file as their own processes, two admin-web processes sharing SESSION_SECRET,
// and the owner and a customer in a real headless Chromium.
describe.skipIf(!gate.run)(gate.title('admin-web in a real browser'), () => {
  let sqlite: Awaited<ReturnType<typeof prepareSqlite>>;
  let adminWrite: AdminWrite;
  let catalogRead: RunningService;
  let storefront: RunningService;
  let first: RunningService;
  let second: RunningService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ReturnType<typeof adminApi>;
  /** Content-Security-Policy reports and page errors: there must be none. */
  const problems: string[] = [];

  beforeAll(async () => {
    sqlite = await prepareSqlite('admin-web-browser-');
    adminWrite = await startAdminWrite(sqlite.env);
    await adminWrite.app.listen({ port: 0, host: '127.0.0.1' });
    const apiUrl = `http://127.0.0.1:${(adminWrite.app.server.address() as AddressInfo).port}`;
    api = adminApi({ adminWrite } as Stack);
    const env = adminWebEnv(apiUrl, { SESSION_COOKIE_SECURE: 'true' });
    const startShop = async () => {
      catalogRead = await startServiceProcess('catalog-read', {
        ...sqlite.env,
        PUBLIC_ASSET_BASE_URL: 'http://shop.test',
        CATALOG_VERSION_REFRESH_MS: String(REFRESH_MS),
      });
      storefront = await startServiceProcess('catalog-web', {
        CATALOG_API_URL: catalogRead.url,
        PUBLIC_BASE_URL: 'http://shop.test',
        PAGE_CACHE_CONTROL: `public, max-age=${PAGE_MAX_AGE_S}`,
        // A loaded 2-core machine can stall a first, cold call for a second or more.
        CATALOG_API_TIMEOUT_MS: '5000',
      });
    };
    [first, second] = await Promise.all([
      startServiceProcess('admin-web', env),
      startServiceProcess('admin-web', env),
      untilAnswering(apiUrl),
      startShop(),
    ]);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      // Chromium reports every 4xx page as a failed resource: those are the pages' own statuses.
      const text = message.text();
      if (
        message.type() === 'error' &&
        !text.startsWith('Failed to load resource: the server responded with a status of 4')
      ) {
        problems.push(text);
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    const stopped = await Promise.all(
      [first, second].map(
        async (server) => server && { code: await stopGracefully(server), errors: errorLines(server) },
      ),
    );
    await Promise.all([storefront?.stop(), catalogRead?.stop()]);
    await closeAll([adminWrite?.app]);
    sqlite?.remove();
    // Both processes logged no error and shut down cleanly on SIGTERM.
    for (const server of stopped) if (server) expect(server).toEqual({ code: 0, errors: [] });
  });

  /** The page has no serious or critical accessibility problems (axe-core), and is saved as a picture. */
  async function checkPage(name: string): Promise<void> {
    expect(await seriousAxeViolations(page), name).toEqual([]);
    await screenshot(page, 'admin-web', name);
  }

  const notice = () => page.locator('p.notice').first();

  /** Clicks what submits a form (or follows a link) and waits for the page that answers. */
  async function submit(target: Locator, on: Page = page) {
    // The page after a post/redirect/get may have the same URL as the one before: wait for the load.
    const loaded = on.waitForNavigation({ waitUntil: 'load' });
    await target.click();
    await loaded;
  }

  it('signs the owner in', async () => {
    await page.goto(`${first.url}/products`);
    expect(await new URL(page.url()).pathname).toBe('/sign-in');
    await checkPage('01-sign-in');
    await page.getByLabel('Password').fill('wrong password');
    await submit(page.getByRole('button', { name: 'Sign in' }));
    expect(await page.locator('#password-error').textContent()).toBe('That password is not right.');
    await page.getByLabel('Password').fill(OWNER_PASSWORD);
    await submit(page.getByRole('button', { name: 'Sign in' }));
    expect(await notice().textContent()).toBe('You are signed in.');
    expect(new URL(page.url()).pathname).toBe('/products');
    await checkPage('02-products');
  });

  it('creates a product after fixing a validation error shown beside its field', async () => {
    const name = uniqueName('Browser mug');
    await submit(page.getByRole('link', { name: 'New product', exact: true }).first());
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Price').fill('12.50');
    await page.getByLabel('Stock').fill('4');
    await page.getByLabel('Image URL').fill('/images/my mug.jpg');
    await submit(page.getByRole('button', { name: 'Create product' }));
    expect(await page.locator('#image_url-error').textContent()).toMatch(/^Image URL must be an absolute/);
    expect(await page.getByLabel('Name').inputValue()).toBe(name);
    expect(await page.getByLabel('Image URL').getAttribute('aria-invalid')).toBe('true');
    await checkPage('03-create-error');
    expect(await api.named(name)).toHaveLength(0);

    await page.getByLabel('Image URL').fill('/images/my-mug.jpg');
    await submit(page.getByRole('button', { name: 'Create product' }));
    expect(await notice().textContent()).toBe(`Created “${name}”.`);
    const [product] = await api.named(name);
    expect(product).toMatchObject({ price: '12.50', stock_quantity: 4, image_url: '/images/my-mug.jpg' });
    expect(new URL(page.url()).pathname).toBe(`/products/${product!.id}`);
    await checkPage('04-product');
  });

  it('edits the product and adjusts its stock', async () => {
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByLabel('Description').fill('Holds 350 ml.');
    await submit(page.getByRole('button', { name: 'Save changes' }));
    expect(await notice().textContent()).toMatch(/^Saved “/);
    expect((await api.get(id))!.description).toBe('Holds 350 ml.');

    await page.getByLabel('Add or remove units').fill('5');
    await submit(page.getByRole('button', { name: 'Adjust stock' }));
    expect(await notice().textContent()).toMatch(/ is now 9\.$/);
    expect((await api.get(id))!.stock_quantity).toBe(9);
  });

  it('imports a CSV: a bad row is shown by the dry run and nothing is imported; then a good file', async () => {
    const goodName = uniqueName('Browser import');
    const sku = uniqueSku('BRW');
    await submit(page.getByRole('link', { name: 'Import CSV' }));
    const before = await api.snapshot();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [HEADER, `${sku},${goodName},,3.00,Browser,2,,true`, `${sku}-2,Bad price,,abc,Browser,2,,true`].join(
          '\n',
        ),
      ),
    });
    await submit(page.getByRole('button', { name: 'Check the file' }));
    expect(await page.locator('h2#rejected-title').textContent()).toBe(
      'bad.csv cannot be imported; nothing was imported',
    );
    expect(await page.locator('table td').first().textContent()).toBe('3');
    await checkPage('05-import-rejected');
    expect(await api.snapshot()).toEqual(before);

    await page.getByLabel('CSV file').setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([HEADER, `${sku},${goodName},,3.00,Browser,2,,true`].join('\n')),
    });
    await submit(page.getByRole('button', { name: 'Check the file' }));
    expect(await page.getByRole('status').textContent()).toMatch(/creates 1, updates 0/);
    await checkPage('06-import-preview');
    expect(await api.named(goodName)).toHaveLength(0);
    await submit(page.getByRole('button', { name: 'Apply the import' }));
    expect(await notice().textContent()).toBe('Imported good.csv: 1 created, 0 updated, 0 unchanged.');
    expect(await api.named(goodName)).toHaveLength(1);
  });

  it('deactivates a product, which leaves the storefront, and reactivates it', {
    timeout: 60_000,
  }, async () => {
    const category = uniqueName('Browser lamps');
    const [product, companion] = await Promise.all([
      api.create({ name: uniqueName('Browser lamp'), price: '20.00', stock_quantity: 3, category }),
      api.create({ name: uniqueName('Browser shade'), price: '9.00', stock_quantity: 3, category }),
    ]);
    // The customer's tab: the storefront as a browser gets it (redirects, cache headers and all).
    const shop = await context.newPage();
    /** The product's page (status and heading) and the names its category's listing shows. */
    const seenByCustomer = async () => {
      const productPage = await shop.goto(`${storefront.url}/products/${product.id}`);
      const heading = await shop.locator('h1').textContent();
      await shop.goto(`${storefront.url}/?category=${encodeURIComponent(category)}`);
      const listed = (await shop.locator('.card-title').allTextContents()).sort();
      return { status: productPage?.status(), heading, listed };
    };
    const shown = { status: 200, heading: product.name, listed: [product.name, companion.name].sort() };
    const gone = { status: 404, heading: 'We couldn’t find that page', listed: [companion.name] };
    await eventually(async () => expect(await seenByCustomer()).toEqual(shown), STOREFRONT_DEADLINE_MS, 50);
    await screenshot(shop, 'admin-web', 'storefront-category');

    await page.goto(`${first.url}/products/${product.id}`);
    await submit(page.getByRole('link', { name: 'Deactivate…' }));
    await checkPage('07-confirm-deactivate');
    await submit(page.getByRole('button', { name: 'Deactivate' }));
    expect(await notice().textContent()).toMatch(/is deactivated: customers no longer see it\.$/);
    await eventually(async () => expect(await seenByCustomer()).toEqual(gone), STOREFRONT_DEADLINE_MS, 50);
    await screenshot(shop, 'admin-web', 'storefront-category-deactivated');

    await submit(page.getByRole('button', { name: 'Reactivate' }));
    expect(await notice().textContent()).toMatch(/is active again/);
    await eventually(async () => expect(await seenByCustomer()).toEqual(shown), STOREFRONT_DEADLINE_MS, 50);
    await shop.close();
  });

  it('tells a second tab that the product changed since it was opened', async () => {
    const product = await api.create({ name: uniqueName('Two tabs'), price: '5.00' });
    const other = await context.newPage();
    await page.goto(`${first.url}/products/${product.id}`);
    await other.goto(`${second.url}/products/${product.id}`);
    await other.getByLabel('Price').fill('6.00');
    await submit(other.getByRole('button', { name: 'Save changes' }), other);
    expect(await other.locator('p.notice').first().textContent()).toMatch(/^Saved/);
    await other.close();

    await page.getByLabel('Price').fill('7.00');
    await submit(page.getByRole('button', { name: 'Save changes' }));
    expect(await page.locator('#conflict-title').textContent()).toBe(
      'This product was changed by someone else since you opened it',
    );
    expect(await page.getByLabel('Price').inputValue()).toBe('7.00');
    await checkPage('08-conflict');
    expect((await api.get(product.id))!.price).toBe('6.00');
  });

  it('creates one product when the create button is double-clicked', async () => {
    const name = uniqueName('Double click');
    await page.goto(`${first.url}/products/new`);
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Price').fill('8.00');
    // Answers to the form are held back a moment, as from a busy server, so the second click of the
    // double click lands while the first submission is still waiting: both reach admin-web.
    let received = 0;
    await page.route(`${first.url}/products`, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      received += 1;
      const response = await route.fetch({ maxRedirects: 0 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      // The browser dropped the first submission when the second began: its answer has nowhere to go.
      await route.fulfill({ response }).catch(() => undefined);
    });
    // A person's double click: two clicks about a tenth of a second apart.
    const create = page.getByRole('button', { name: 'Create product' });
    await create.scrollIntoViewIfNeeded();
    const button = (await create.boundingBox())!;
    const [x, y] = [button.x + button.width / 2, button.y + button.height / 2];
    await page.mouse.click(x, y);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await page.mouse.click(x, y, { clickCount: 2 });
    // Navigations cut short by the next click end in ERR_ABORTED: watch the address rather than one navigation.
    await eventually(() => expect(new URL(page.url()).pathname).toMatch(/^\/products\/\d+$/), 15_000);
    await page.waitForLoadState('load');
    await page.unroute(`${first.url}/products`);
    expect(received).toBeGreaterThanOrEqual(2);
    expect(await notice().textContent()).toBe(`Created “${name}”.`);
    await eventually(async () => expect(await api.named(name)).toHaveLength(1), 5_000);
    // Nothing more arrives later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await api.named(name)).toHaveLength(1);
  });

  it('keeps the owner signed in on the other admin-web process, and signs out of both', async () => {
    await page.goto(`${second.url}/products/${(await api.list('limit=1')).items[0]!.id}/history`);
    expect(new URL(page.url()).pathname).toMatch(/\/history$/);
    await checkPage('09-history');
    await submit(page.getByRole('button', { name: 'Sign out' }));
    expect(await notice().textContent()).toBe('You are signed out.');
    await page.goto(`${first.url}/products`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(problems).toEqual([]);
  });
});
