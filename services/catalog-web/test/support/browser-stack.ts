import { eventually } from '@mystore/test-kit';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, VIEWPORTS } from './browser.js';
import {
  type Catalog,
  type CatalogRead,
  type CatalogWeb,
  createCatalog,
  listen,
  startCatalogRead,
  startCatalogWeb,
} from './stack.js';

/** A seeded catalog, catalog-read and catalog-web listening on loopback, and a browser. */
export interface BrowserStack {
  readonly catalog: Catalog;
  readonly read: CatalogRead;
  readonly web: CatalogWeb;
  /** catalog-web's address. */
  readonly base: string;
  readonly browser: Browser;
  /** A new browser window at phone or desktop width; JavaScript off unless asked for. */
  context(options?: {
    viewport?: keyof typeof VIEWPORTS;
    javaScript?: boolean;
    bypassCsp?: boolean;
  }): Promise<BrowserContext>;
  stop(): Promise<void>;
}

export async function startBrowserStack(readEnv: Record<string, string> = {}): Promise<BrowserStack> {
  const catalog = await createCatalog();
  const read = await startCatalogRead(catalog, readEnv);
  const web = await startCatalogWeb(read.url);
  const base = await listen(web.app);
  // The first page, once catalog-read answers (load shedding may refuse while the machine is busy).
  await eventually(
    async () => {
      const response = await fetch(`${base}/`);
      if (response.status !== 200) throw new Error(`catalog-web answered ${response.status}`);
    },
    30_000,
    100,
  );
  const browser = await launchChromium();
  return {
    catalog,
    read,
    web,
    base,
    browser,
    context: (options = {}) =>
      browser.newContext({
        baseURL: base,
        viewport: VIEWPORTS[options.viewport ?? 'desktop'],
        javaScriptEnabled: options.javaScript ?? false,
        bypassCSP: options.bypassCsp ?? false,
      }),
    async stop() {
      await browser.close();
      await web.app.close();
      await read.app.close();
      await catalog.remove();
    },
  };
}
