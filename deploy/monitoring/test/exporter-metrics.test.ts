import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_METRICS } from '../src/external-metrics.js';
import { dashboardQueries, MONITORING_ROOT, readRules } from './support/artifacts.js';
import { groupingLabelsOf, selectorsOf } from './support/selectors.js';

/** The exporters' documentation excerpts, by `## <exporter>` section. */
function documentation(): Map<string, string> {
  const text = readFileSync(path.join(MONITORING_ROOT, 'test/fixtures/exporter-docs.md'), 'utf8');
  return new Map(
    text
      .split(/^## /m)
      .slice(1)
      .map((section) => [section.slice(0, section.indexOf('\n')).trim(), section]),
  );
}

/** Labels Prometheus adds to every series of a Kubernetes target (the kubelet's cAdvisor, a PodMonitor). */
const TARGET_LABELS = new Set(['namespace', 'pod', 'container']);

const expressions = [
  ...dashboardQueries().map((query) => query.expr),
  ...readRules().map((rule) => rule.expr),
].map((expr) => expr.replaceAll('$__rate_interval', '1m'));

describe("other exporters' metrics", () => {
  const docs = documentation();

  it.each(EXTERNAL_METRICS.map((metric) => [metric.name, metric] as const))(
    '%s is documented by its exporter, with the labels we use',
    (name, metric) => {
      const section = docs.get(metric.exporter);
      expect(section, `no documentation excerpt for ${metric.exporter}`).toBeDefined();
      const line = section!.split('\n').find((candidate) => new RegExp(`\\b${name}\\b`).test(candidate));
      expect(line, `${name} is not in ${metric.exporter}'s documentation`).toBeDefined();
      for (const label of metric.labels) expect(line).toContain(`\`${label}\``);
    },
  );

  it('is read with no label its exporter (or the scrape) does not set, and each listed one is read', () => {
    const used = new Set<string>();
    for (const expr of expressions) {
      const grouping = groupingLabelsOf(expr);
      for (const selector of selectorsOf(expr)) {
        const metric = EXTERNAL_METRICS.find((candidate) => candidate.name === selector.metric);
        if (!metric) continue;
        used.add(metric.name);
        const allowed = new Set([...metric.labels, ...TARGET_LABELS]);
        for (const matcher of selector.matchers)
          expect(allowed, `${metric.name}{${matcher.label}}`).toContain(matcher.label);
        // A `by (…)` in the same expression may group another metric; only ours can be checked label by label.
        if (selectorsOf(expr).length === 1) {
          for (const label of grouping) expect(allowed, `${metric.name} by (${label})`).toContain(label);
        }
      }
    }
    expect([...used].sort()).toEqual(EXTERNAL_METRICS.map((metric) => metric.name).sort());
  });
});
