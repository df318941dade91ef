import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/index.js';
import { labelsFor, NAMESPACE_NAME_LABEL } from '../labels.js';
import { peer, tcp } from '../network-policy.js';
import { MOCO_JOB_POD_NAMES, MOCO_PORTS, MOCO_SYSTEM_NAMESPACE, mysqldPodLabels } from './moco.js';

export interface DatabaseProps {
  readonly env: EnvironmentConfig;
  /** Pods in the app namespace that connect to mysqld (by their `app.kubernetes.io/name`). */
  readonly appClients: readonly string[];
  /** Pods in the database namespace that connect to mysqld (the bootstrap Job). */
  readonly localClients: readonly string[];
}

const MYCNF = 'mystore-mycnf';
const BACKUP_POLICY = 'daily';
const BACKUP_SERVICE_ACCOUNT = 'moco-backup';

/**
 * The MySQLCluster MOCO runs (primary + replicas, semi-synchronous GTID replication), its my.cnf, the
 * optional BackupPolicy, the exporter's PodMonitor, and the database namespace's NetworkPolicies.
 */
export class Database extends Construct {
  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { env } = props;
    const db = env.database;
    const namespace = db.namespace;
    const labels = labelsFor(db.clusterName, 'database');
    const mysqld = mysqldPodLabels(db.clusterName);

    const mycnf = new kplus.ConfigMap(this, 'mycnf', {
      metadata: { name: MYCNF, namespace, labels },
      // Room for every pod's pool at the HPAs' maximum (catalog-read 20 x 5 spread over the replicas,
      // admin-write 4 x 5 on the primary) plus MOCO's own connections.
      data: { max_connections: '300' },
    });
    ApiObject.of(mycnf).addJsonPatch(JsonPatch.remove('/immutable'));

    new ApiObject(this, 'cluster', {
      apiVersion: 'moco.cybozu.com/v1beta2',
      kind: 'MySQLCluster',
      metadata: { name: db.clusterName, namespace, labels },
      spec: {
        replicas: db.instances,
        mysqlConfigMapName: MYCNF,
        maxDelaySeconds: db.maxDelaySeconds,
        collectors: [...db.collectors],
        ...(db.backup ? { backupPolicyName: BACKUP_POLICY } : {}),
        podTemplate: {
          metadata: { labels: { 'app.kubernetes.io/part-of': 'mystore' } },
          spec: {
            containers: [
              {
                name: 'mysqld',
                image: db.mysqlImage,
                resources: {
                  requests: {
                    cpu: `${db.resources.cpuMillis.request}m`,
                    memory: `${db.resources.memoryMi.request}Mi`,
                  },
                  limits: {
                    ...(db.resources.cpuMillis.limit ? { cpu: `${db.resources.cpuMillis.limit}m` } : {}),
                    memory: `${db.resources.memoryMi.limit}Mi`,
                  },
                },
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'mysql-data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(db.storageClassName ? { storageClassName: db.storageClassName } : {}),
              resources: { requests: { storage: db.storage } },
            },
          },
        ],
      },
    });

    if (db.backup) {
      new kplus.k8s.KubeServiceAccount(this, 'backup-account', {
        metadata: { name: BACKUP_SERVICE_ACCOUNT, namespace, labels },
        automountServiceAccountToken: false,
      });
      new ApiObject(this, 'backup-policy', {
        apiVersion: 'moco.cybozu.com/v1beta2',
        kind: 'BackupPolicy',
        metadata: { name: BACKUP_POLICY, namespace, labels },
        spec: {
          schedule: db.backup.schedule,
          concurrencyPolicy: 'Forbid',
          jobConfig: {
            serviceAccountName: BACKUP_SERVICE_ACCOUNT,
            envFrom: [{ secretRef: { name: db.backup.credentialsSecret } }],
            bucketConfig: {
              bucketName: db.backup.bucketName,
              ...(db.backup.endpointURL ? { endpointURL: db.backup.endpointURL, usePathStyle: true } : {}),
              ...(db.backup.region ? { region: db.backup.region } : {}),
            },
            // A generic ephemeral volume as large as the data (MOCO advises against emptyDir).
            workVolume: {
              ephemeral: {
                volumeClaimTemplate: {
                  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: db.storage } } },
                },
              },
            },
          },
        },
      });
    }

    new ApiObject(this, 'pod-monitor', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: `mysql-${db.clusterName}`, namespace, labels },
      spec: {
        selector: { matchLabels: mysqld },
        podMetricsEndpoints: [{ port: 'mysqld-metrics', interval: '30s' }],
      },
    });

    this.networkPolicies(props, mysqld, labels);
  }

  /** Ingress only: what may reach mysqld (egress stays open: MOCO's pods talk to the API server). */
  private networkPolicies(
    props: DatabaseProps,
    mysqld: Record<string, string>,
    labels: Record<string, string>,
  ) {
    const { env } = props;
    const namespace = env.database.namespace;
    const policy = (name: string, podSelector: object, ingress: object[]) =>
      new kplus.k8s.KubeNetworkPolicy(this, name, {
        metadata: { name, namespace, labels },
        spec: { podSelector, policyTypes: ['Ingress'], ingress },
      });
    const appPods = (name: string) => ({
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: env.namespace } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
    });
    const localPods = (name: string, extra: Record<string, string> = {}) => ({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': name, ...extra } },
    });

    policy('default-deny-ingress', {}, []);
    policy('mysqld', { matchLabels: mysqld }, [
      // Replication and clones between the instances.
      { from: [{ podSelector: { matchLabels: mysqld } }], ports: tcp(MOCO_PORTS.mysql) },
      // The controller drives each instance through its agent and the admin port.
      {
        from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: MOCO_SYSTEM_NAMESPACE } } }],
        ports: tcp(MOCO_PORTS.agent, MOCO_PORTS.admin),
      },
      {
        from: [...props.appClients.map(appPods), ...props.localClients.map((name) => localPods(name))],
        ports: tcp(MOCO_PORTS.mysql),
      },
      { from: [peer(env.prometheus)], ports: tcp(MOCO_PORTS.exporter) },
      ...(env.database.backup
        ? [
            {
              from: MOCO_JOB_POD_NAMES.map((name) =>
                localPods(name, { 'app.kubernetes.io/created-by': 'moco' }),
              ),
              ports: tcp(MOCO_PORTS.mysql, MOCO_PORTS.admin),
            },
          ]
        : []),
    ]);
  }
}
