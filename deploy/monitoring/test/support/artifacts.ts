import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const MONITORING_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_ROOT = path.resolve(MONITORING_ROOT, '../..');
export const DASHBOARD_PATH = path.join(MONITORING_ROOT, 'dashboard.json');
export const RULES_PATH = path.join(MONITORING_ROOT, 'rules.yaml');

interface DashboardJson {
  templating: {
    list: { name: string; type: string; definition?: string; multi?: boolean; includeAll?: boolean }[];
  };
  panels: {
    id: number;
    type: string;
    title: string;
    description?: string;
    targets?: { refId: string; expr: string; instant?: boolean }[];
  }[];
}

export interface DashboardQuery {
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
}

export interface RuleJson {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** The committed dashboard.json, as Grafana would load it. */
export function readDashboard(): DashboardJson {
  return JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as DashboardJson;
}

/** Every query of every panel. */
export function dashboardQueries(dashboard = readDashboard()): DashboardQuery[] {
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title, refId: target.refId, expr: target.expr })),
  );
}

/** `label_values(series, label)` variables: their name, series selector and label. */
export function labelValueVariables(dashboard = readDashboard()) {
  return dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const match = /^label_values\((.*), (\w+)\)$/.exec(variable.definition ?? '');
      if (!match) throw new Error(`variable ${variable.name}: not label_values(series, label)`);
      return { name: variable.name, series: match[1]!, label: match[2]!, multi: variable.multi === true };
    });
}

/** The committed rules.yaml's rules, with their group. */
export function readRules(): (RuleJson & { group: string })[] {
  const document = parse(readFileSync(RULES_PATH, 'utf8')) as {
    groups: { name: string; rules: RuleJson[] }[];
  };
  return document.groups.flatMap((group) => group.rules.map((rule) => ({ ...rule, group: group.name })));
}
