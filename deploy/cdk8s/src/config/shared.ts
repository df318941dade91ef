import type { DatabaseConfig, PeerSelector } from './types.js';

/**
 * What both environments share: the pinned MySQL image (MOCO builds one per supported MySQL release) and
 * where the cluster add-ons run. The add-on selectors follow their upstream installs: k3s/k3d's bundled
 * Traefik, kube-prometheus-stack's Prometheus, CoreDNS.
 */
export const MYSQL_IMAGE = 'ghcr.io/cybozu-go/moco/mysql:8.4.8';

export const TRAEFIK: PeerSelector = {
  namespace: 'kube-system',
  podLabels: { 'app.kubernetes.io/name': 'traefik' },
};

export const PROMETHEUS: PeerSelector = {
  namespace: 'monitoring',
  podLabels: { 'app.kubernetes.io/name': 'prometheus' },
};

export const CLUSTER_DNS: PeerSelector = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns' },
};

/** mysqld_exporter collectors added to its defaults (which already report replica status). */
export const MYSQL_COLLECTORS = ['engine_innodb_status', 'info_schema.innodb_metrics'] as const;

/** The database settings both environments share: names, the pinned image, three instances. */
export const DATABASE_BASE: Pick<
  DatabaseConfig,
  'namespace' | 'clusterName' | 'schema' | 'mysqlImage' | 'instances' | 'collectors'
> = {
  namespace: 'mystore-db',
  clusterName: 'catalog',
  schema: 'mystore',
  mysqlImage: MYSQL_IMAGE,
  // Three instances in dev too, so the replica path (and its lag) is exercised locally.
  instances: 3,
  collectors: MYSQL_COLLECTORS,
};
