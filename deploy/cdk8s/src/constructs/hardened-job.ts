import { ApiObject, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { Resources } from '../config/index.js';
import { labelsFor } from '../labels.js';
import type { EnvSource } from '../secrets.js';
import { hardenPod } from './pod-hardening.js';
import { toPlusResources } from './resources.js';

export interface HardenedJobProps {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly command: readonly string[];
  readonly uid: number;
  readonly resources: Resources;
  /** In order: a value may use an earlier variable as `$(NAME)`. */
  readonly variables: Readonly<Record<string, EnvSource>>;
  /** Retries while what it needs (the database, its users) is not there yet. */
  readonly backoffLimit: number;
}

/** A run-to-completion pod with the same hardening as the services (restricted, read-only, /tmp only). */
export function hardenedJob(scope: Construct, id: string, props: HardenedJobProps): kplus.Job {
  const labels = labelsFor(props.name, 'job');
  const job = new kplus.Job(scope, id, {
    metadata: { name: props.name, namespace: props.namespace, labels },
    podMetadata: { labels },
    backoffLimit: props.backoffLimit,
    activeDeadline: Duration.minutes(15),
    ttlAfterFinished: Duration.hours(24),
    terminationGracePeriod: Duration.seconds(10),
    automountServiceAccountToken: false,
  });
  const tmp = kplus.Volume.fromEmptyDir(scope, `${id}-tmp`, 'tmp', { sizeLimit: Size.mebibytes(16) });
  const container = job.addContainer({
    name: props.name,
    image: props.image,
    imagePullPolicy: props.imagePullPolicy as kplus.ImagePullPolicy,
    command: [...props.command],
    resources: toPlusResources(props.resources),
    volumeMounts: [{ path: '/tmp', volume: tmp }],
  });
  for (const [key, source] of Object.entries(props.variables)) {
    container.env.addVariable(key, envValue(scope, source));
  }
  hardenPod(ApiObject.of(job), {
    podTemplatePath: '/spec/template',
    keepRestartPolicy: true,
    containerCount: 1,
    uid: props.uid,
  });
  return job;
}

/** A literal, or a key of a declared Secret (one reference object per Secret and scope). */
export function envValue(scope: Construct, source: EnvSource): kplus.EnvValue {
  if (typeof source === 'string') return kplus.EnvValue.fromValue(source);
  const id = `secret-${source.secret.name}`;
  const secret =
    (scope.node.tryFindChild(id) as kplus.ISecret | undefined) ??
    kplus.Secret.fromSecretName(scope, id, source.secret.name);
  return kplus.EnvValue.fromSecretValue({ secret, key: source.key });
}
