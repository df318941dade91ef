import type { PodSpec } from './manifests.js';

const RESTRICTED_VOLUMES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/**
 * The checks of Pod Security Standards `restricted` (Kubernetes 1.33) that a pod spec can fail, each
 * violation named. Baseline's host namespaces, privileged, host ports and hostPath are part of it.
 */
export function restrictedViolations(pod: PodSpec): string[] {
  const violations: string[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field]) violations.push(field);
  const podContext = pod.securityContext ?? {};
  const containers = [...(pod.initContainers ?? []), ...pod.containers];
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== 'name');
    if (!type || !RESTRICTED_VOLUMES.includes(type)) violations.push(`volume ${volume.name}: ${type}`);
  }
  if (podContext.runAsUser === 0) violations.push('pod runAsUser 0');
  for (const container of containers) {
    const context = container.securityContext ?? {};
    const name = `container ${container.name}`;
    if (context.privileged) violations.push(`${name}: privileged`);
    if (context.allowPrivilegeEscalation !== false) violations.push(`${name}: allowPrivilegeEscalation`);
    if (context.runAsNonRoot !== true && podContext.runAsNonRoot !== true)
      violations.push(`${name}: runAsNonRoot`);
    if (context.runAsUser === 0) violations.push(`${name}: runAsUser 0`);
    const seccomp = context.seccompProfile?.type ?? podContext.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
      violations.push(`${name}: seccomp ${seccomp}`);
    const capabilities = context.capabilities ?? {};
    if (!(capabilities.drop ?? []).includes('ALL')) violations.push(`${name}: capabilities not dropped`);
    const added = (capabilities.add ?? []).filter((capability: string) => capability !== 'NET_BIND_SERVICE');
    if (added.length > 0) violations.push(`${name}: capabilities added ${added}`);
    for (const port of container.ports ?? []) if (port.hostPort) violations.push(`${name}: hostPort`);
    if (context.procMount && context.procMount !== 'Default') violations.push(`${name}: procMount`);
  }
  return violations;
}
