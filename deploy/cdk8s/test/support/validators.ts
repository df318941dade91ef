import { ClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import {
  PodMonitor,
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Ajv } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { BACKUP_POLICY_SCHEMA, MYSQL_CLUSTER_SCHEMA } from './schemas/moco.js';
import { MIDDLEWARE_SCHEMA } from './schemas/traefik.js';
import { type Check, modelCheck, strictProblems } from './strict-validation.js';

const ajv = new Ajv({ allErrors: true, strict: true });
function schemaCheck(schema: object): Check {
  const validate = ajv.compile(schema);
  return (data) => {
    if (!validate(data)) throw new Error(ajv.errorsText(validate.errors));
  };
}

/** The schema of every kind the app emits, by `apiVersion/kind`. */
export const CHECKS: Readonly<Record<string, Check>> = {
  'v1/Namespace': modelCheck(Namespace),
  'v1/Service': modelCheck(Service),
  'v1/ConfigMap': modelCheck(ConfigMap),
  'v1/ServiceAccount': modelCheck(ServiceAccount),
  'apps/v1/Deployment': modelCheck(Deployment),
  'batch/v1/Job': modelCheck(Job),
  'autoscaling/v2/HorizontalPodAutoscaler': modelCheck(HorizontalPodAutoscaler),
  'policy/v1/PodDisruptionBudget': modelCheck(PodDisruptionBudget),
  'networking.k8s.io/v1/NetworkPolicy': modelCheck(NetworkPolicy),
  'networking.k8s.io/v1/Ingress': modelCheck(Ingress),
  'monitoring.coreos.com/v1/ServiceMonitor': modelCheck(ServiceMonitor),
  'monitoring.coreos.com/v1/PodMonitor': modelCheck(PodMonitor),
  'monitoring.coreos.com/v1/PrometheusRule': modelCheck(PrometheusRule),
  'cert-manager.io/v1/ClusterIssuer': modelCheck(ClusterIssuer),
  'moco.cybozu.com/v1beta2/MySQLCluster': schemaCheck(MYSQL_CLUSTER_SCHEMA),
  'moco.cybozu.com/v1beta2/BackupPolicy': schemaCheck(BACKUP_POLICY_SCHEMA),
  'traefik.io/v1alpha1/Middleware': schemaCheck(MIDDLEWARE_SCHEMA),
};

/** Schema problems and unknown fields of one object; a kind without a schema is a problem too. */
export function validationProblems(object: { apiVersion: string; kind: string }): string[] {
  const check = CHECKS[`${object.apiVersion}/${object.kind}`];
  if (!check) return [`no schema for ${object.apiVersion} ${object.kind}`];
  return strictProblems(check, object);
}
