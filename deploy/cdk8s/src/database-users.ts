import type { EnvironmentConfig } from './config/index.js';

/** The application's MySQL users, each with the least it needs on the catalog schema. */
export const DATABASE_USERS = {
  /** catalog-read, on the replicas and (fallback) the primary. */
  read: { user: 'mystore_read', grants: 'SELECT', secretKey: 'catalog-read' },
  /** admin-write, on the primary. */
  write: { user: 'mystore_write', grants: 'SELECT, INSERT, UPDATE, DELETE', secretKey: 'admin-write' },
  /** The migration Job: tables and indexes, and the rows of Kysely's migration tables. */
  migrate: {
    user: 'mystore_migrate',
    grants: 'SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES',
    secretKey: 'migrate',
  },
} as const;

export type DatabaseUser = (typeof DATABASE_USERS)[keyof typeof DATABASE_USERS];

/** MOCO's Services for a MySQLCluster, by their in-cluster DNS names. */
export function mysqlHosts(env: EnvironmentConfig) {
  const { clusterName, namespace } = env.database;
  return {
    primary: `moco-${clusterName}-primary.${namespace}.svc`,
    replica: `moco-${clusterName}-replica.${namespace}.svc`,
  };
}

/** Kubernetes expands `$(NAME)` from an earlier variable: the password never appears in a manifest. */
export const PASSWORD_VARIABLE = 'DATABASE_PASSWORD';

export function mysqlUrl(env: EnvironmentConfig, host: string, user: DatabaseUser): string {
  return `mysql://${user.user}:$(${PASSWORD_VARIABLE})@${host}:3306/${env.database.schema}`;
}
