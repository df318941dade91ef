import { KUBERNETES_METRICS_PORT } from '@mystore/service-contract';
import { describe, expect, it } from 'vitest';
import { MOCO_PORTS, mysqldPodLabels } from '../src/constructs/moco.js';
import { migrationJobName } from '../src/constructs/schema-jobs.js';
import { objectsOf, podTemplates, VARIANTS, variantName } from './support/manifests.js';
import { NetworkEvaluator, type Pod } from './support/network-evaluator.js';

const tcp = (...ports: number[]) => ports.map((port) => ({ port, protocol: 'TCP' as const }));

describe.each(VARIANTS.map((env) => [variantName(env), env] as const))('%s NetworkPolicies', (_name, env) => {
  const objects = objectsOf(env);
  const app = env.namespace;
  const db = env.database.namespace;
  const migration = migrationJobName(env);

  // Our workloads as synthesized, and the pods around them: MOCO's, the cluster's, and two strangers.
  const pods: Pod[] = [
    ...podTemplates(objects).map((pod) => ({
      id: pod.labels['app.kubernetes.io/name']!,
      namespace: pod.namespace,
      labels: pod.labels,
      ports: pod.spec.containers.flatMap((c: { ports?: { containerPort: number; name: string }[] }) =>
        (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: 'TCP' as const, name: p.name })),
      ),
    })),
    {
      id: 'mysqld',
      namespace: db,
      labels: mysqldPodLabels(env.database.clusterName),
      ports: tcp(...Object.values(MOCO_PORTS)),
    },
    {
      id: 'mysql-backup',
      namespace: db,
      labels: { 'app.kubernetes.io/name': 'mysql-backup', 'app.kubernetes.io/created-by': 'moco' },
      ports: [],
    },
    {
      id: 'moco-controller',
      namespace: 'moco-system',
      labels: { 'app.kubernetes.io/name': 'moco' },
      ports: tcp(9443),
    },
    {
      id: 'ingress',
      namespace: env.edge.controller.namespace,
      labels: env.edge.controller.podLabels,
      ports: tcp(8000, 8443),
    },
    {
      id: 'prometheus',
      namespace: env.prometheus.namespace,
      labels: env.prometheus.podLabels,
      ports: tcp(9090),
    },
    {
      id: 'dns',
      namespace: env.dns.namespace,
      labels: env.dns.podLabels,
      ports: [...tcp(53), { port: 53, protocol: 'UDP' }],
    },
    {
      id: 'stranger-in-app',
      namespace: app,
      labels: { 'app.kubernetes.io/name': 'debug' },
      ports: tcp(8080),
    },
    {
      id: 'stranger-elsewhere',
      namespace: 'default',
      labels: { 'app.kubernetes.io/name': 'catalog-web' },
      ports: tcp(80),
    },
  ];

  /** The flows of the design (§7), written out; (db namespace egress is open and not listed). */
  const expected = new Set<string>([
    ...['catalog-read:8080', 'admin-write:8081', 'catalog-web:3000', 'admin-web:3001'].map(
      (to) => `ingress->${to}/TCP`,
    ),
    'catalog-web->catalog-read:8080/TCP',
    'admin-web->admin-write:8081/TCP',
    ...['catalog-read', 'admin-write', 'catalog-web', 'admin-web'].map(
      (to) => `prometheus->${to}:${KUBERNETES_METRICS_PORT}/TCP`,
    ),
    'prometheus->mysqld:9104/TCP',
    ...['catalog-read', 'admin-write', migration, 'db-bootstrap', 'mysqld'].map(
      (from) => `${from}->mysqld:3306/TCP`,
    ),
    'moco-controller->mysqld:9080/TCP',
    'moco-controller->mysqld:33062/TCP',
    ...(env.database.backup ? ['mysql-backup->mysqld:3306/TCP', 'mysql-backup->mysqld:33062/TCP'] : []),
    // Every pod of the app namespace resolves names.
    ...['catalog-read', 'admin-write', 'catalog-web', 'admin-web', migration, 'stranger-in-app'].flatMap(
      (from) => [`${from}->dns:53/TCP`, `${from}->dns:53/UDP`],
    ),
  ]);

  it('admit exactly the flows of the design into and out of our namespaces', () => {
    const evaluator = new NetworkEvaluator(objects);
    const admitted = new Set<string>();
    for (const source of pods) {
      for (const destination of pods) {
        // Flows between pods outside our namespaces are not ours to police; db egress is open.
        const ours = [app, db].includes(destination.namespace) || source.namespace === app;
        if (!ours || source === destination) continue;
        for (const port of destination.ports) {
          if (evaluator.admits(source, destination, port))
            admitted.add(`${source.id}->${destination.id}:${port.port}/${port.protocol}`);
        }
      }
    }
    // mysqld -> mysqld is one pod here; replication between instances is the same rule.
    if (
      new NetworkEvaluator(objects).admits(
        pods.find((p) => p.id === 'mysqld')!,
        pods.find((p) => p.id === 'mysqld')!,
        tcp(3306)[0]!,
      )
    ) {
      admitted.add('mysqld->mysqld:3306/TCP');
    }
    expect([...admitted].sort()).toEqual([...expected].sort());
  });

  it("let nothing but admin-web and the ingress controller reach admin-write's port", () => {
    const evaluator = new NetworkEvaluator(objects);
    const adminWrite = pods.find((pod) => pod.id === 'admin-write')!;
    const reaching = pods.filter(
      (pod) => pod !== adminWrite && evaluator.admits(pod, adminWrite, tcp(8081)[0]!),
    );
    expect(reaching.map((pod) => pod.id).sort()).toEqual(['admin-web', 'ingress']);
  });
});
