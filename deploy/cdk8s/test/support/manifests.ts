import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ManifestFile, synthesize } from '../../src/app.js';
import { ENVIRONMENTS, type EnvironmentConfig } from '../../src/config/index.js';

export const CDK8S_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_ROOT = path.resolve(CDK8S_ROOT, '../..');
export const MONITORING_DIRECTORY = path.join(REPO_ROOT, 'deploy/monitoring');

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field by the tests.
  spec?: any;
  [key: string]: unknown;
};

/** prod with a BackupPolicy, so the optional objects are synthesized and checked too. */
export const PROD_WITH_BACKUP: EnvironmentConfig = {
  ...ENVIRONMENTS.find((env) => env.name === 'prod')!,
  database: {
    ...ENVIRONMENTS.find((env) => env.name === 'prod')!.database,
    backup: {
      schedule: '@daily',
      bucketName: 'mystore-backups',
      endpointURL: 'https://s3.example.com',
      region: 'eu-west-1',
      credentialsSecret: 'backup-bucket',
    },
  },
};

/** Every environment the app ships, plus the backup variant. */
export const VARIANTS: readonly EnvironmentConfig[] = [...ENVIRONMENTS, PROD_WITH_BACKUP];

export function filesOf(env: EnvironmentConfig, monitoringDirectory = MONITORING_DIRECTORY): ManifestFile[] {
  return synthesize(env, { monitoringDirectory });
}

export function objectsOf(env: EnvironmentConfig): K8sObject[] {
  return filesOf(env).flatMap((file) => file.objects as K8sObject[]);
}

export function ofKind(objects: readonly K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function variantName(env: EnvironmentConfig): string {
  return env === PROD_WITH_BACKUP ? 'prod+backup' : env.name;
}

// biome-ignore lint/suspicious/noExplicitAny: a pod spec as synthesized.
export type PodSpec = any;

/** Pod templates of the workloads (Deployments and Jobs), with where they run. */
export function podTemplates(objects: readonly K8sObject[]) {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
    .map((object) => ({
      owner: `${object.kind}/${object.metadata.name}`,
      namespace: object.metadata.namespace!,
      labels: object.spec.template.metadata.labels as Record<string, string>,
      spec: object.spec.template.spec as PodSpec,
    }));
}
