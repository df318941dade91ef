import {
  type AxeViolation,
  seriousAxeViolations as axeCheck,
  screenshot as saveScreenshot,
} from '@mystore/test-kit/browser';
import type { Page } from 'playwright-core';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/** A browser test drives several pages; on a loaded 2-core machine each can take seconds. */
export const BROWSER_TEST_TIMEOUT_MS = 90_000;

/** The storefront's screenshots: reports/screenshots/catalog-web/<name>.png (outside git). */
export function screenshot(page: Page, name: string): Promise<void> {
  return saveScreenshot(page, 'catalog-web', name);
}

/** What the storefront is held to: WCAG 2.2 A/AA (2.0 and 2.1 included) and axe's best practices. */
const STOREFRONT_AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe-core's serious and critical violations of the storefront's rules on the page. */
export function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return axeCheck(page, STOREFRONT_AXE_TAGS);
}
