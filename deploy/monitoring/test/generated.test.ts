import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_METRICS } from '../src/external-metrics.js';
import { sourcesOf } from '../src/metric-sources.js';
import { renderDashboard, renderRules } from '../src/render.js';
import { AVAILABILITY, LATENCY, LATENCY_THRESHOLDS } from '../src/slos.js';
import {
  DASHBOARD_PATH,
  dashboardQueries,
  REPO_ROOT,
  RULES_PATH,
  readDashboard,
  readRules,
} from './support/artifacts.js';
import { selectorsOf } from './support/selectors.js';

/** Grafana's own variables, which its Prometheus data source replaces before sending a query. */
const parseable = (expr: string) => expr.replaceAll('$__rate_interval', '1m');

describe('deploy/monitoring files', () => {
  it('are what the TypeScript generates (run `npm run monitoring` after a change)', () => {
    expect(readFileSync(DASHBOARD_PATH, 'utf8')).toBe(renderDashboard());
    expect(readFileSync(RULES_PATH, 'utf8')).toBe(renderRules());
  });

  it('has the variables and panels an on-call engineer needs', () => {
    const dashboard = readDashboard();
    const variables = Object.fromEntries(
      dashboard.templating.list.map((variable) => [variable.name, variable]),
    );
    expect(Object.keys(variables)).toEqual(['datasource', 'namespace', 'service', 'db_namespace']);
    expect(variables.service).toMatchObject({ multi: true, includeAll: true });
    const titles = dashboard.panels.map((panel) => panel.title).join('\n');
    for (const needed of [
      /Requests per second$/m,
      /Server errors/,
      /p50 \/ p95 \/ p99/,
      /per pod/,
      /Availability, 30d/,
      /Error budget left/,
      /Burn rate/,
      /Query latency .* by target/,
      /pool saturation/i,
      /Cache hit ratio/,
      /Replica lag/,
      /fallback/i,
      /restarts/,
      /CPU per pod/,
      /Memory per pod/,
      /Upstream/,
    ]) {
      expect(titles).toMatch(needed);
    }
    for (const panel of dashboard.panels.filter((candidate) => candidate.type !== 'row')) {
      expect(panel.description, panel.title).toBeTruthy();
      expect(panel.targets?.map((target) => target.refId)).toEqual(
        panel.targets?.map((_, index) => String.fromCharCode(65 + index)),
      );
    }
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
  });

  it('reads only metrics the services export, the rules record, or other exporters document', () => {
    const recorded = new Set(readRules().flatMap((rule) => (rule.record ? [rule.record] : [])));
    const external = new Set(EXTERNAL_METRICS.map((metric) => metric.name));
    const expressions = [
      ...dashboardQueries().map((query) => query.expr),
      ...readRules().map((rule) => rule.expr),
    ];
    const unknown = expressions
      .flatMap((expr) => selectorsOf(parseable(expr)))
      .map((selector) => selector.metric)
      .filter((name) => !sourcesOf(name) && !recorded.has(name) && !external.has(name));
    expect(unknown).toEqual([]);
  });

  it('gives every alert a severity, a summary and a runbook section that exists', () => {
    const runbook = readFileSync(path.join(REPO_ROOT, 'docs/runbook.md'), 'utf8');
    const anchors = new Set(
      [...runbook.matchAll(/^#{2,3} (.+)$/gm)].map((match) =>
        match[1]!
          .trim()
          .toLowerCase()
          .replace(/[^\w -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const alerts = readRules().filter((rule) => rule.alert);
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect(alert.labels?.severity, alert.alert).toMatch(/^(page|ticket|warning)$/);
      expect(alert.annotations?.summary, alert.alert).toBeTruthy();
      const [file, anchor] = (alert.annotations?.runbook_url ?? '').split('#');
      expect(file).toBe('docs/runbook.md');
      expect(anchors, `${alert.alert}: no section #${anchor} in docs/runbook.md`).toContain(anchor);
    }
  });

  it('states in docs/slo.md the objectives and thresholds the rules enforce', () => {
    const slo = readFileSync(path.join(REPO_ROOT, 'docs/slo.md'), 'utf8');
    const pct = (ratio: number) => `${Number((ratio * 100).toFixed(2))}%`;
    expect(slo).toContain(pct(AVAILABILITY.objective));
    expect(slo).toContain(pct(LATENCY.objective));
    for (const [service, seconds] of Object.entries(LATENCY_THRESHOLDS)) {
      expect(slo).toMatch(new RegExp(`${service}[^\\n]*${seconds * 1000} ms`));
    }
  });
});
