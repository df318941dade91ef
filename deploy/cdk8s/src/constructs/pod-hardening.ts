import { type ApiObject, JsonPatch } from 'cdk8s';

/** The node user of the official Node images, as a number so the kubelet can verify it is not root. */
export const NODE_UID = 1000;

export interface HardeningOptions {
  /** JSON pointer of the pod template inside the object (`/spec/template` for Deployments and Jobs). */
  readonly podTemplatePath: string;
  readonly keepRestartPolicy: boolean;
  readonly containerCount: number;
  readonly uid: number;
}

/**
 * What cdk8s-plus-27 writes into every pod spec and template unasked. Patches apply before its k8s
 * imports rename fields, hence `setHostnameAsFqdn`. A Job keeps its restartPolicy (it must be Never or
 * OnFailure); a Deployment's is the only allowed value, Always.
 */
const PLUS_POD_DEFAULTS = ['dnsPolicy', 'hostNetwork', 'setHostnameAsFqdn'];
const PLUS_POD_LABEL = '/metadata/labels/cdk8s.io~1metadata.addr';

/**
 * Pod Security `restricted` and then some, set as whole objects so nothing of cdk8s-plus's own security
 * context survives: non-root by number, seccomp RuntimeDefault, no capabilities, no privilege escalation,
 * a read-only root filesystem, no service-account token.
 */
export function hardenPod(object: ApiObject, options: HardeningOptions): void {
  const pod = `${options.podTemplatePath}/spec`;
  const defaults = options.keepRestartPolicy ? PLUS_POD_DEFAULTS : [...PLUS_POD_DEFAULTS, 'restartPolicy'];
  for (const field of defaults) object.addJsonPatch(JsonPatch.remove(`${pod}/${field}`));
  object.addJsonPatch(JsonPatch.remove(`${options.podTemplatePath}${PLUS_POD_LABEL}`));
  object.addJsonPatch(
    JsonPatch.replace(`${pod}/securityContext`, {
      runAsNonRoot: true,
      runAsUser: options.uid,
      runAsGroup: options.uid,
      seccompProfile: { type: 'RuntimeDefault' },
    }),
    JsonPatch.replace(`${pod}/automountServiceAccountToken`, false),
  );
  for (let index = 0; index < options.containerCount; index++) {
    object.addJsonPatch(
      JsonPatch.replace(`${pod}/containers/${index}/securityContext`, {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: options.uid,
        runAsGroup: options.uid,
      }),
    );
  }
}
