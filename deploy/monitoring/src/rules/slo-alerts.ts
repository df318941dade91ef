import { BURN_RATE_ALERTS, type BurnRateAlert, errorBudget, percent, SLOS, type Slo } from '../slos.js';
import { runbookUrl } from './runbook.js';
import { sliErrorRecord } from './slo-recording.js';
import type { AlertingRule } from './types.js';

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

function burnExpression(slo: Slo, alert: BurnRateAlert): string {
  const budget = errorBudget(slo);
  const over = (window: string, factor: number) =>
    `${sliErrorRecord(window)}{slo="${slo.name}"} > (${factor} * ${budget})`;
  return alert.windows
    .map(({ long, short, factor }) => `(\n  ${over(long, factor)}\nand\n  ${over(short, factor)}\n)`)
    .join('\nor\n');
}

/** One fast-burn (page) and one slow-burn (ticket) alert per SLO, for every customer-path service. */
export function burnRateAlerts(): AlertingRule[] {
  return SLOS.flatMap((slo) =>
    BURN_RATE_ALERTS.map((alert) => {
      const name = `${capitalized(slo.name)}BudgetBurn${capitalized(alert.speed)}`;
      const factors = alert.windows.map((pair) => pair.factor);
      const days = (factor: number) => Number((30 / factor).toFixed(1));
      return {
        alert: name,
        expr: burnExpression(slo, alert),
        for: alert.for,
        labels: { severity: alert.severity, slo: slo.name },
        annotations: {
          summary: `{{ $labels.service }} is spending its ${slo.name} error budget ${alert.speed} (objective ${percent(slo.objective)} of ${slo.description}).`,
          description: `Bad requests arrive ${factors.join('× or ')}× faster than the budget of ${percent(errorBudget(slo))} allows, in a long and a short window both: at that rate the 30-day budget is gone in ${days(Math.max(...factors))} to ${days(Math.min(...factors))} days. Error ratio over the long window: {{ $value | humanizePercentage }}.`,
          runbook_url: runbookUrl(name),
        },
      };
    }),
  );
}
