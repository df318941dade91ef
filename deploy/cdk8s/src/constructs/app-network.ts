import {
  adminWeb,
  adminWrite,
  catalogRead,
  catalogWeb,
  KUBERNETES_METRICS_PORT,
  type ServiceContract,
} from '@mystore/service-contract';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/index.js';
import { labelsFor, NAMESPACE_NAME_LABEL } from '../labels.js';
import { peer, tcp } from '../network-policy.js';
import { MOCO_PORTS, mysqldPodLabels } from './moco.js';

/**
 * The app namespace denies everything, then admits: the ingress controller to the four services, each
 * web app to its API, Prometheus to every metrics port, the APIs and the migration Job to mysqld, and
 * DNS for every pod. Nothing else reaches admin-write's port.
 */
export class AppNetwork extends Construct {
  constructor(scope: Construct, id: string, env: EnvironmentConfig, migrationJob: string) {
    super(scope, id);
    const namespace = env.namespace;
    const labels = labelsFor('network', 'network-policy');
    const policy = (name: string, spec: kplus.k8s.NetworkPolicySpec) =>
      new kplus.k8s.KubeNetworkPolicy(this, name, { metadata: { name, namespace, labels }, spec });
    const pods = (name: string) => ({ matchLabels: { 'app.kubernetes.io/name': name } });
    const from = (contract: ServiceContract) => ({ podSelector: pods(contract.name) });
    const to = (contract: ServiceContract) => ({ to: [from(contract)], ports: tcp(contract.port) });
    const mysqld = {
      to: [
        {
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: env.database.namespace } },
          podSelector: { matchLabels: mysqldPodLabels(env.database.clusterName) },
        },
      ],
      ports: tcp(MOCO_PORTS.mysql),
    };
    const controller = peer(env.edge.controller);
    const prometheus = { from: [peer(env.prometheus)], ports: tcp(KUBERNETES_METRICS_PORT) };

    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    policy('dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [peer(env.dns)],
          ports: [
            { protocol: 'UDP', port: kplus.k8s.IntOrString.fromNumber(53) },
            { protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(53) },
          ],
        },
      ],
    });
    const service = (
      contract: ServiceContract,
      clients: kplus.k8s.NetworkPolicyPeer[],
      egress: kplus.k8s.NetworkPolicyEgressRule[],
    ) =>
      policy(contract.name, {
        podSelector: pods(contract.name),
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: clients, ports: tcp(contract.port) }, prometheus],
        egress,
      });
    service(catalogWeb, [controller], [to(catalogRead)]);
    service(adminWeb, [controller], [to(adminWrite)]);
    service(catalogRead, [controller, from(catalogWeb)], [mysqld]);
    service(adminWrite, [controller, from(adminWeb)], [mysqld]);
    policy(migrationJob, { podSelector: pods(migrationJob), policyTypes: ['Egress'], egress: [mysqld] });
  }
}
