import { adminWrite } from '@mystore/service-contract';
import type * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/index.js';
import { DATABASE_USERS, mysqlHosts, mysqlUrl, PASSWORD_VARIABLE } from '../database-users.js';
import type { DeclaredSecrets } from '../secrets.js';
import { hardenedJob } from './hardened-job.js';
import { NODE_UID } from './pod-hardening.js';

/** MOCO's mysqld image runs as 10000:10000; its `mysql` client creates the users. */
const MYSQL_IMAGE_UID = 10_000;
export const BOOTSTRAP_JOB = 'db-bootstrap';

/** Job names carry the tag: a Job's pod template cannot change, so a release gets a new Job. */
export function migrationJobName(env: EnvironmentConfig): string {
  return `db-migrate-${env.services['admin-write'].tag.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`;
}

/**
 * Creates the schema and the three application users with MOCO's `moco-writable` account, passwords
 * from Secrets (only letters and digits, as they go into URLs). Re-running it resets the passwords to the
 * Secrets' values: that is how they are rotated.
 */
export function bootstrapJob(scope: Construct, env: EnvironmentConfig, secrets: DeclaredSecrets): kplus.Job {
  const schema = env.database.schema;
  const users = Object.values(DATABASE_USERS);
  const variable = (key: string) => `PASSWORD_${key.replace(/-/g, '_').toUpperCase()}`;
  const sql = [
    `CREATE DATABASE IF NOT EXISTS \\\`${schema}\\\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
    ...users.flatMap((user) => [
      `CREATE USER IF NOT EXISTS '${user.user}'@'%' IDENTIFIED BY '\${${variable(user.secretKey)}}';`,
      `ALTER USER '${user.user}'@'%' IDENTIFIED BY '\${${variable(user.secretKey)}}';`,
      `GRANT ${user.grants} ON \\\`${schema}\\\`.* TO '${user.user}'@'%';`,
    ]),
  ].join('\n');
  const script = [
    'set -eu',
    ...users.map(
      (user) =>
        `case "\${${variable(user.secretKey)}}" in ''|*[!A-Za-z0-9]*) echo "${secrets.databaseUsers.name}/${user.secretKey}: letters and digits only" >&2; exit 1;; esac`,
    ),
    // The password goes through a file, not the command line.
    `printf '[client]\\nuser=moco-writable\\npassword=%s\\n' "$MOCO_WRITABLE_PASSWORD" > /tmp/client.cnf`,
    `mysql --defaults-extra-file=/tmp/client.cnf --host=${mysqlHosts(env).primary} <<SQL`,
    sql,
    'SQL',
    'echo "schema and users ready"',
  ].join('\n');
  return hardenedJob(scope, BOOTSTRAP_JOB, {
    name: BOOTSTRAP_JOB,
    namespace: env.database.namespace,
    image: env.database.mysqlImage,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', script],
    uid: MYSQL_IMAGE_UID,
    resources: { cpuMillis: { request: 50 }, memoryMi: { request: 64, limit: 128 } },
    variables: {
      MOCO_WRITABLE_PASSWORD: { secret: secrets.mocoUsers, key: 'WRITABLE_PASSWORD' },
      ...Object.fromEntries(
        users.map((user) => [
          variable(user.secretKey),
          { secret: secrets.databaseUsers, key: user.secretKey },
        ]),
      ),
    },
    // MOCO needs a few minutes to bring up the primary the first time.
    backoffLimit: 20,
  });
}

/** `npm run migrate up` of the data layer, from admin-write's image, against the primary. */
export function migrationJob(scope: Construct, env: EnvironmentConfig, secrets: DeclaredSecrets): kplus.Job {
  const name = migrationJobName(env);
  return hardenedJob(scope, 'db-migrate', {
    name,
    namespace: env.namespace,
    image: `${env.registry}/${adminWrite.name}:${env.services['admin-write'].tag}`,
    imagePullPolicy: env.imagePullPolicy,
    command: ['node', 'packages/db/build/cli/migrate.js', 'up'],
    uid: NODE_UID,
    resources: { cpuMillis: { request: 100 }, memoryMi: { request: 128, limit: 256 } },
    variables: {
      [PASSWORD_VARIABLE]: { secret: secrets.migrateDatabase, key: 'password' },
      DATABASE_URL: mysqlUrl(env, mysqlHosts(env).primary, DATABASE_USERS.migrate),
    },
    // Waits out the bootstrap Job (users) and MOCO (the primary).
    backoffLimit: 20,
  });
}
