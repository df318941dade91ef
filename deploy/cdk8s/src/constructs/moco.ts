/** The labels MOCO puts on a MySQLCluster's mysqld pods (its StatefulSet `moco-<name>`). */
export function mysqldPodLabels(clusterName: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'mysql',
    'app.kubernetes.io/created-by': 'moco',
    'app.kubernetes.io/instance': clusterName,
  };
}

/** MOCO's fixed ports on a mysqld pod (pkg/constants/ports.go of the pinned release). */
export const MOCO_PORTS = {
  mysql: 3306,
  mysqlx: 33060,
  admin: 33062,
  health: 9081,
  agent: 9080,
  agentMetrics: 8080,
  exporter: 9104,
} as const;

/** MOCO's namespace (its upstream install) and the labels of its backup and restore Job pods. */
export const MOCO_SYSTEM_NAMESPACE = 'moco-system';
export const MOCO_JOB_POD_NAMES = ['mysql-backup', 'mysql-restore'] as const;
