import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/**
 * axe-core's serious and critical violations on the page: of every rule axe runs by default, or only
 * of those with one of `tags` (e.g. `wcag2aa`, `best-practice`). axe is evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy does not govern, so the page is checked exactly
 * as served.
 */
export async function seriousAxeViolations(page: Page, tags?: readonly string[]): Promise<AxeViolation[]> {
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async (runOnly) => {
    const axe = (
      globalThis as unknown as {
        axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(runOnly ? { runOnly: { type: 'tag', values: runOnly } } : {});
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  }, tags);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
