import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumSuiteGate,
  launchChromium,
  SCREENSHOTS_DIR,
  screenshot,
  seriousAxeViolations,
} from '../src/browser/index.js';

const gate = chromiumSuiteGate();

const FLAWED_PAGE =
  '<!doctype html><html lang="en"><title>t</title><main><img src="data:,"><input></main></html>';

describe.skipIf(!gate.run)(gate.title('the browser helpers, in Chromium'), () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds an unlabelled field and an image without a text, with axe’s default rules and with tags', async () => {
    await page.setContent(FLAWED_PAGE);
    const ids = async (tags?: string[]) =>
      (await seriousAxeViolations(page, tags)).map((violation) => violation.id).sort();
    expect(await ids()).toEqual(['image-alt', 'label']);
    expect(await ids(['wcag2a'])).toEqual(['image-alt', 'label']);
    // A tag no rule has runs no rule.
    expect(await ids(['no-such-tag'])).toEqual([]);
  });

  it('saves a screenshot under reports/screenshots/<folder>/', async () => {
    const folder = `test-kit-${process.pid}`;
    try {
      await screenshot(page, folder, 'flawed');
      expect(existsSync(path.join(SCREENSHOTS_DIR, folder, 'flawed.png'))).toBe(true);
    } finally {
      rmSync(path.join(SCREENSHOTS_DIR, folder), { recursive: true, force: true });
    }
  });
});
