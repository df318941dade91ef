import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiObject, JsonPatch, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/index.js';
import { labelsFor } from '../labels.js';

export const DASHBOARD_FILE = 'dashboard.json';
export const RULES_FILE = 'rules.yaml';

/**
 * Wraps what `deploy/monitoring/` holds: `dashboard.json` into a ConfigMap Grafana's sidecar loads
 * (label `grafana_dashboard: "1"`), `rules.yaml` (Prometheus rule groups) into a PrometheusRule. A file
 * that is not there yet emits nothing.
 */
export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, env: EnvironmentConfig, directory: string) {
    super(scope, id);
    const labels = labelsFor('monitoring', 'monitoring');
    const dashboard = path.join(directory, DASHBOARD_FILE);
    if (existsSync(dashboard)) {
      const configMap = new kplus.ConfigMap(this, 'dashboard', {
        metadata: {
          name: 'mystore-dashboard',
          namespace: env.namespace,
          labels: { ...labels, grafana_dashboard: '1' },
        },
        data: { 'mystore.json': readFileSync(dashboard, 'utf8') },
      });
      ApiObject.of(configMap).addJsonPatch(JsonPatch.remove('/immutable'));
    }
    const rules = path.join(directory, RULES_FILE);
    if (existsSync(rules)) {
      const [document] = Yaml.load(rules) as [{ groups: unknown[] }];
      new ApiObject(this, 'rules', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: { name: 'mystore', namespace: env.namespace, labels },
        spec: { groups: document.groups },
      });
    }
  }
}
