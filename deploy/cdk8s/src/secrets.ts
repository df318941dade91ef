import type { EnvironmentConfig } from './config/index.js';

/**
 * Every Secret the manifests reference. None is emitted with a value: the operator creates them
 * (`scripts/create-secrets.ts` does it for a dev cluster) except the one MOCO itself writes.
 */
export interface SecretDeclaration {
  readonly namespace: string;
  readonly name: string;
  readonly keys: readonly string[];
  /** Who writes it: the operator of the cluster, or MOCO when it creates the MySQLCluster. */
  readonly createdBy: 'operator' | 'moco';
  readonly purpose: string;
}

/** Where a variable's value comes from: a literal, or one key of a declared Secret. */
export type EnvSource = string | { readonly secret: SecretDeclaration; readonly key: string };

export function declareSecrets(env: EnvironmentConfig) {
  const app = env.namespace;
  const db = env.database.namespace;
  const secret = (
    namespace: string,
    name: string,
    keys: readonly string[],
    purpose: string,
    createdBy: SecretDeclaration['createdBy'] = 'operator',
  ): SecretDeclaration => ({ namespace, name, keys, purpose, createdBy });
  return {
    catalogReadDatabase: secret(app, 'catalog-read-database', ['password'], "catalog-read's MySQL password"),
    adminWriteDatabase: secret(app, 'admin-write-database', ['password'], "admin-write's MySQL password"),
    migrateDatabase: secret(app, 'migrate-database', ['password'], "the migration Job's MySQL password"),
    adminWriteTokens: secret(app, 'admin-write-tokens', ['ADMIN_TOKENS'], "admin-write's bearer tokens"),
    adminWeb: secret(
      app,
      'admin-web',
      ['ADMIN_API_TOKEN', 'ADMIN_PASSWORD_HASH', 'SESSION_SECRET'],
      "admin-web's token for admin-write (one of ADMIN_TOKENS), the owner's password hash, the cookie key",
    ),
    databaseUsers: secret(
      db,
      'mystore-db-users',
      ['catalog-read', 'admin-write', 'migrate'],
      'the same three MySQL passwords, for the bootstrap Job that creates the users',
    ),
    mocoUsers: secret(
      db,
      `moco-${env.database.clusterName}`,
      ['WRITABLE_PASSWORD'],
      "MOCO's own user passwords (moco-writable creates the application users)",
      'moco',
    ),
  } as const;
}

export type DeclaredSecrets = ReturnType<typeof declareSecrets>;
