/**
 * Where alerts link to: docs/runbook.md, one section per alert, headed by the alert's name (so the
 * anchor is the name in lower case). Relative to the repository root; set an absolute base here once
 * the repository has a public address, and regenerate.
 */
export const RUNBOOK = 'docs/runbook.md';

export function runbookUrl(alert: string): string {
  return `${RUNBOOK}#${alert.toLowerCase()}`;
}
