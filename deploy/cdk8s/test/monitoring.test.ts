import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Yaml } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_FILE, RULES_FILE } from '../src/constructs/monitoring.js';
import { CDK8S_ROOT, filesOf, MONITORING_DIRECTORY, objectsOf, VARIANTS } from './support/manifests.js';
import { validationProblems } from './support/validators.js';

const FIXTURES = path.join(CDK8S_ROOT, 'test/fixtures/monitoring');

describe('monitoring', () => {
  const [env] = VARIANTS;
  const objects = filesOf(env!, FIXTURES).flatMap((file) => file.objects) as ReturnType<typeof objectsOf>;

  it("wraps deploy/monitoring's dashboard into a ConfigMap Grafana loads, byte for byte", () => {
    const dashboard = objects.find(
      (object) => object.kind === 'ConfigMap' && object.metadata.name === 'mystore-dashboard',
    )!;
    expect(dashboard.metadata.labels?.grafana_dashboard).toBe('1');
    expect((dashboard.data as Record<string, string>)['mystore.json']).toBe(
      readFileSync(path.join(FIXTURES, DASHBOARD_FILE), 'utf8'),
    );
    expect(validationProblems(dashboard)).toEqual([]);
  });

  it('wraps the rule groups into a PrometheusRule', () => {
    const rules = objects.find((object) => object.kind === 'PrometheusRule')!;
    const [file] = Yaml.load(path.join(FIXTURES, RULES_FILE));
    expect(rules.spec.groups).toEqual(file.groups);
    expect(validationProblems(rules)).toEqual([]);
  });

  it('emits exactly what deploy/monitoring holds today (nothing for a file not there yet)', () => {
    const emitted = objectsOf(env!).filter(
      (object) => object.metadata.labels?.['app.kubernetes.io/name'] === 'monitoring',
    );
    const expected = [DASHBOARD_FILE, RULES_FILE].filter((file) =>
      existsSync(path.join(MONITORING_DIRECTORY, file)),
    );
    expect(emitted.map((object) => object.kind).sort()).toEqual(
      expected.map((file) => (file === DASHBOARD_FILE ? 'ConfigMap' : 'PrometheusRule')).sort(),
    );
  });
});
