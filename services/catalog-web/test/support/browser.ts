import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); never a browser download. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots go here, outside git (reports/ is ignored). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../../reports/screenshots/catalog-web/', import.meta.url),
);

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/** A browser test drives several pages; on a loaded 2-core machine each can take seconds. */
export const BROWSER_TEST_TIMEOUT_MS = 90_000;

export interface BrowserGate {
  readonly run: boolean;
  title(name: string): string;
}

/** Browser suites skip without Chromium, with one line saying so; under CI=true they fail instead. */
export function chromiumGate(env: NodeJS.ProcessEnv = process.env): BrowserGate {
  if (existsSync(CHROMIUM)) return { run: true, title: (name) => name };
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (env.CI === 'true') throw new Error(`browser suites cannot run in CI: ${reason}`);
  process.stderr.write(`[catalog-web] browser suites skipped: ${reason}\n`);
  return { run: false, title: (name) => `${name} (skipped: ${reason})` };
}

/**
 * Headless Chromium through playwright-core. Playwright gives every launch a fresh temporary profile
 * (its own --user-data-dir, removed on close); the flags keep Chromium off the network and quiet.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Headless through the flag itself, as Chromium documents it, rather than Playwright's shell mode.
    headless: false,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/**
 * axe-core's serious and critical violations of WCAG 2.1 A/AA and its best practices on the page.
 * axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
 * govern, so the page is checked exactly as served.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
