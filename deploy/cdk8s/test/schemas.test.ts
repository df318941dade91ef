import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDK8S_ROOT, filesOf, objectsOf, VARIANTS, variantName } from './support/manifests.js';
import { CHECKS, validationProblems } from './support/validators.js';

describe.each(VARIANTS.map((env) => [variantName(env), env] as const))('%s manifests', (_name, env) => {
  it('validate against their schemas (Kubernetes 1.33, prometheus-operator, cert-manager, MOCO, Traefik v3), unknown fields included', () => {
    const problems = objectsOf(env).flatMap((object) =>
      validationProblems(object).map((problem) => `${object.kind}/${object.metadata.name}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('every validator', () => {
  // The monitoring fixtures stand in for deploy/monitoring, so the PrometheusRule is there to tamper with.
  const fixtures = path.join(CDK8S_ROOT, 'test/fixtures/monitoring');
  const samples = VARIANTS.flatMap((env) =>
    filesOf(env, fixtures).flatMap((file) => file.objects),
  ) as ReturnType<typeof objectsOf>;
  it.each(Object.keys(CHECKS))('%s refuses a field its schema does not know', (kind) => {
    const sample = samples.find((object) => `${object.apiVersion}/${object.kind}` === kind);
    expect(sample, `no ${kind} synthesized`).toBeDefined();
    const tampered = structuredClone(sample!);
    (tampered.spec ?? tampered).unknownField = true;
    expect(validationProblems(tampered).join('\n')).toMatch(/unknownField|additional propert/);
  });

  it('refuses a Traefik v2 field name in a v3 Middleware', () => {
    const middleware = samples.find((object) => object.kind === 'Middleware' && object.spec.ipAllowList)!;
    const v2 = structuredClone(middleware);
    v2.spec = { ipWhiteList: v2.spec.ipAllowList };
    expect(validationProblems(v2)).not.toEqual([]);
  });
});
