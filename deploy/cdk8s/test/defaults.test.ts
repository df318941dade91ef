import { SERVICES } from '@mystore/service-contract';
import { describe, expect, it } from 'vitest';
import { TERMINATION_GRACE_SECONDS } from '../src/constructs/fastify-service.js';
import { objectsOf, ofKind, VARIANTS, variantName } from './support/manifests.js';

/** Every field a Deployment may carry: what we set on purpose. A field cdk8s-plus-27 adds is not here. */
const DEPLOYMENT_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata.labels.*',
  'metadata.name',
  'metadata.namespace',
  'spec.minReadySeconds',
  'spec.progressDeadlineSeconds',
  'spec.replicas',
  'spec.selector.matchLabels.*',
  'spec.strategy.rollingUpdate.maxSurge',
  'spec.strategy.rollingUpdate.maxUnavailable',
  'spec.strategy.type',
  'spec.template.metadata.labels.*',
  'spec.template.spec.automountServiceAccountToken',
  'spec.template.spec.containers[].env[].name',
  'spec.template.spec.containers[].env[].value',
  'spec.template.spec.containers[].env[].valueFrom.secretKeyRef.key',
  'spec.template.spec.containers[].env[].valueFrom.secretKeyRef.name',
  'spec.template.spec.containers[].image',
  'spec.template.spec.containers[].imagePullPolicy',
  'spec.template.spec.containers[].lifecycle.preStop.exec.command[]',
  'spec.template.spec.containers[].name',
  'spec.template.spec.containers[].ports[].containerPort',
  'spec.template.spec.containers[].ports[].name',
  'spec.template.spec.containers[].ports[].protocol',
  ...['startupProbe', 'livenessProbe', 'readinessProbe'].flatMap((probe) =>
    [
      'failureThreshold',
      'httpGet.path',
      'httpGet.port',
      'httpGet.scheme',
      'periodSeconds',
      'timeoutSeconds',
    ].map((field) => `spec.template.spec.containers[].${probe}.${field}`),
  ),
  'spec.template.spec.containers[].resources.limits.cpu',
  'spec.template.spec.containers[].resources.limits.memory',
  'spec.template.spec.containers[].resources.requests.cpu',
  'spec.template.spec.containers[].resources.requests.memory',
  ...[
    'allowPrivilegeEscalation',
    'capabilities.drop[]',
    'privileged',
    'readOnlyRootFilesystem',
    'runAsGroup',
    'runAsNonRoot',
    'runAsUser',
  ].map((field) => `spec.template.spec.containers[].securityContext.${field}`),
  'spec.template.spec.containers[].volumeMounts[].mountPath',
  'spec.template.spec.containers[].volumeMounts[].name',
  'spec.template.spec.securityContext.runAsGroup',
  'spec.template.spec.securityContext.runAsNonRoot',
  'spec.template.spec.securityContext.runAsUser',
  'spec.template.spec.securityContext.seccompProfile.type',
  'spec.template.spec.terminationGracePeriodSeconds',
  ...['labelSelector.matchLabels.*', 'maxSkew', 'topologyKey', 'whenUnsatisfiable'].map(
    (field) => `spec.template.spec.topologySpreadConstraints[].${field}`,
  ),
  'spec.template.spec.volumes[].emptyDir.sizeLimit',
  'spec.template.spec.volumes[].name',
]);

const MAPS = ['labels', 'matchLabels'];

function fieldPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => fieldPaths(item, `${prefix}[]`));
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    MAPS.includes(key)
      ? [`${prefix ? `${prefix}.` : ''}${key}.*`]
      : fieldPaths(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe.each(VARIANTS.map((env) => [variantName(env), env] as const))('%s', (_name, env) => {
  const objects = objectsOf(env);

  it('carries no field of cdk8s-plus-27 that we did not choose', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      const unchosen = [...new Set(fieldPaths(deployment))].filter((field) => !DEPLOYMENT_FIELDS.has(field));
      expect(unchosen, deployment.metadata.name).toEqual([]);
    }
    const text = JSON.stringify(objects);
    expect(text).not.toContain('cdk8s.io/metadata.addr');
    expect(text).not.toContain('"externalIPs"');
    expect(text).not.toContain('"immutable"');
  });

  it('has the values we chose: resources, pull policy, rollout, grace period, spread', () => {
    for (const service of SERVICES) {
      const deployment = ofKind(objects, 'Deployment').find((d) => d.metadata.name === service.name)!;
      const config = env.services[service.name];
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(container.resources).toEqual({
        requests: {
          cpu: `${config.resources.cpuMillis.request}m`,
          memory: `${config.resources.memoryMi.request}Mi`,
        },
        limits: {
          ...(config.resources.cpuMillis.limit ? { cpu: `${config.resources.cpuMillis.limit}m` } : {}),
          memory: `${config.resources.memoryMi.limit}Mi`,
        },
      });
      expect(container.imagePullPolicy).toBe(env.imagePullPolicy);
      expect(container.image).toBe(`${env.registry}/${service.name}:${config.tag}`);
      expect(deployment.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      });
      expect(pod.terminationGracePeriodSeconds).toBe(TERMINATION_GRACE_SECONDS);
      expect(TERMINATION_GRACE_SECONDS).toBeGreaterThan(10);
      expect(
        pod.topologySpreadConstraints.map((c: { topologyKey: string; whenUnsatisfiable: string }) => [
          c.topologyKey,
          c.whenUnsatisfiable,
        ]),
      ).toEqual([
        ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
        ['kubernetes.io/hostname', env.hostnameSpread],
      ]);
      expect(pod.affinity, 'no anti-affinity (cdk8s-plus spread)').toBeUndefined();
    }
  });
});
