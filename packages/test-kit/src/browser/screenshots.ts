import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** `reports/screenshots/` at the repository root: git-ignored, kept after the run for a person to look at. */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../../../reports/screenshots/', import.meta.url));

/** A full-page picture of `page` in `reports/screenshots/<folder>/<name>.png`. */
export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
  const dir = path.join(SCREENSHOTS_DIR, folder);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
