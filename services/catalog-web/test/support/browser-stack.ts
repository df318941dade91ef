import { eventually } from '@mystore/test-kit';
import { launchChromium } from '@mystore/test-kit/browser';
import type { Browser, BrowserContext } from 'playwright-core';
import { VIEWPORTS } from './browser.js';
import { listen, type Stack, startStack } from './stack.js';

/** The stack with catalog-web listening on loopback, and a browser. */
export interface BrowserStack extends Stack {
  /** catalog-web's address. */
  readonly base: string;
  readonly browser: Browser;
  /** A new browser window at phone or desktop width; JavaScript off unless asked for. */
  context(options?: {
    viewport?: keyof typeof VIEWPORTS;
    javaScript?: boolean;
    bypassCsp?: boolean;
  }): Promise<BrowserContext>;
}

export async function startBrowserStack(readEnv: Record<string, string> = {}): Promise<BrowserStack> {
  const stack = await startStack([], readEnv);
  const base = await listen(stack.web.app);
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
    ...stack,
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
      await stack.stop();
    },
  };
}
