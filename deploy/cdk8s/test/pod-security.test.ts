import { describe, expect, it } from 'vitest';
import { objectsOf, podTemplates, VARIANTS, variantName } from './support/manifests.js';
import { restrictedViolations } from './support/pod-security.js';

describe.each(VARIANTS.map((env) => [variantName(env), env] as const))('%s', (_name, env) => {
  const objects = objectsOf(env);

  it('labels the app namespace Pod Security restricted and the database namespace baseline', () => {
    const level = (name: string) =>
      objects.find((object) => object.kind === 'Namespace' && object.metadata.name === name)?.metadata
        .labels?.['pod-security.kubernetes.io/enforce'];
    expect(level(env.namespace)).toBe('restricted');
    expect(level(env.database.namespace)).toBe('baseline');
  });

  it('keeps every pod spec in the app namespace (and our Jobs in the database one) within restricted', () => {
    const pods = podTemplates(objects);
    expect(pods.filter((pod) => pod.namespace === env.namespace).length).toBeGreaterThanOrEqual(5);
    const violations = pods.flatMap((pod) => restrictedViolations(pod.spec).map((v) => `${pod.owner}: ${v}`));
    expect(violations).toEqual([]);
  });

  it('runs every container with a read-only root filesystem, /tmp on an emptyDir, and no token', () => {
    for (const pod of podTemplates(objects)) {
      expect(pod.spec.automountServiceAccountToken, pod.owner).toBe(false);
      const tmp = pod.spec.volumes.find((volume: { name: string }) => volume.name === 'tmp');
      expect(tmp.emptyDir, pod.owner).toBeDefined();
      for (const container of pod.spec.containers) {
        expect(container.securityContext.readOnlyRootFilesystem, pod.owner).toBe(true);
        expect(container.volumeMounts).toContainEqual({ mountPath: '/tmp', name: 'tmp' });
      }
    }
  });
});

describe('the restricted check', () => {
  it('finds what breaks restricted', () => {
    const pod = podTemplates(objectsOf(VARIANTS[0]!))[0]!.spec;
    const broken = structuredClone(pod);
    broken.hostNetwork = true;
    broken.securityContext = {};
    broken.containers[0].securityContext = { capabilities: { add: ['NET_ADMIN'] } };
    broken.volumes.push({ name: 'host', hostPath: { path: '/' } });
    expect(restrictedViolations(pod)).toEqual([]);
    expect(restrictedViolations(broken)).toEqual(
      expect.arrayContaining([
        'hostNetwork',
        expect.stringMatching(/runAsNonRoot/),
        expect.stringMatching(/seccomp/),
        expect.stringMatching(/allowPrivilegeEscalation/),
        expect.stringMatching(/capabilities/),
        expect.stringMatching(/volume host/),
      ]),
    );
  });
});
