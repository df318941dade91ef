import { AdminConnection } from './admin-conn.js';
import { createReplicaPair, redact, verifyLogins } from './pair.js';
import { detectFlavor, waitForReplicas } from './replication.js';
import type { ReplicaPair } from './types.js';
import { derivedPassword, mysqlUrl, quoteId } from './urls.js';

export const PRIMARY_VAR = 'TEST_MYSQL_PRIMARY_URL';
export const REPLICA_VAR = 'TEST_MYSQL_REPLICA_URL';

export type EnvConfig =
  | { kind: 'none' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'ok'; primary: URL; replicas: URL[] };

/** Reads the two admin URLs; the replica variable may list several replicas, comma-separated. */
export function readEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const primary = env[PRIMARY_VAR]?.trim();
  const replica = env[REPLICA_VAR]?.trim();
  if (!primary && !replica) return { kind: 'none' };
  if (!primary) return { kind: 'invalid', reason: `${REPLICA_VAR} is set but ${PRIMARY_VAR} is missing` };
  if (!replica) return { kind: 'invalid', reason: `${PRIMARY_VAR} is set but ${REPLICA_VAR} is missing` };
  const parse = (name: string, value: string): URL | string => {
    try {
      const url = new URL(value);
      if (url.protocol !== 'mysql:') return `${name} must be a mysql:// URL (got ${redact(value)})`;
      return url;
    } catch {
      return `${name} is not a valid URL`;
    }
  };
  const urls = [parse(PRIMARY_VAR, primary), ...replica.split(',').map((r) => parse(REPLICA_VAR, r.trim()))];
  const bad = urls.find((u): u is string => typeof u === 'string');
  if (bad) return { kind: 'invalid', reason: bad };
  const [p, ...rs] = urls as [URL, ...URL[]];
  return { kind: 'ok', primary: p, replicas: rs };
}

function appUrl(admin: URL, user: string, password: string, database: string): string {
  return mysqlUrl(admin.hostname, Number(admin.port || 3306), { user, password }, database);
}

/** Uses servers someone else runs (CI services, a cluster): creates the schema and app users if missing. */
export async function startEnvPair(
  config: Extract<EnvConfig, { kind: 'ok' }>,
  opts: { replicas: number; database: string },
  startedAt: number,
): Promise<ReplicaPair> {
  if (opts.replicas > config.replicas.length) {
    throw new Error(
      `[test-kit] ${opts.replicas} replicas requested but ${REPLICA_VAR} lists ${config.replicas.length}`,
    );
  }
  const replicaAdmins = config.replicas.slice(0, opts.replicas);
  const primary = new AdminConnection('primary', { uri: config.primary.href });
  const replicas = replicaAdmins.map((u, i) => new AdminConnection(`replica ${i}`, { uri: u.href }));
  const closeAll = async () => {
    await Promise.all([primary, ...replicas].map((c) => c.close()));
  };

  try {
    const flavor = await detectFlavor(primary);
    // Derived, not random: concurrent test workers against the same server must agree on the passwords.
    const rw = derivedPassword(config.primary.href, 'app_rw');
    const ro = derivedPassword(config.primary.href, 'app_ro');
    const db = quoteId(opts.database);
    for (const [sql, values] of [
      [`CREATE DATABASE IF NOT EXISTS ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`, []],
      ["CREATE USER IF NOT EXISTS 'app_rw'@'%' IDENTIFIED BY ?", [rw]],
      ["ALTER USER 'app_rw'@'%' IDENTIFIED BY ?", [rw]],
      [`GRANT ALL PRIVILEGES ON ${db}.* TO 'app_rw'@'%'`, []],
      ["CREATE USER IF NOT EXISTS 'app_ro'@'%' IDENTIFIED BY ?", [ro]],
      ["ALTER USER 'app_ro'@'%' IDENTIFIED BY ?", [ro]],
      [`GRANT SELECT ON ${db}.* TO 'app_ro'@'%'`, []],
    ] as const) {
      await primary.query(sql, [...values]);
    }
    // The users reach the replicas through replication; wait before logging in there.
    await waitForReplicas(flavor, primary, replicas, 30_000);

    const primaryUrl = appUrl(config.primary, 'app_rw', rw, opts.database);
    const replicaUrls = replicaAdmins.map((u) => appUrl(u, 'app_ro', ro, opts.database));
    await verifyLogins([primaryUrl, ...replicaUrls]);
    return createReplicaPair({
      source: 'env',
      flavor,
      primaryUrl,
      replicaUrls,
      replicaWriterUrls: replicaAdmins.map((u) => appUrl(u, 'app_rw', rw, opts.database)),
      admin: { primaryUrl: config.primary.href, replicaUrls: replicaAdmins.map((u) => u.href) },
      primary,
      replicas,
      startedAt,
      stop: closeAll,
    });
  } catch (err) {
    await closeAll();
    throw err;
  }
}
