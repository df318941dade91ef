import type { AdminConnection } from './admin-conn.js';

/** The SQL that differs between MariaDB and MySQL 8.4 replication. */
export interface Flavor {
  readonly name: 'mariadb' | 'mysql';
  /** Everything the primary has committed, as a GTID set/position. */
  readonly positionSql: string;
  /** Blocks until the replica has applied `?` (arg 1), up to `?` seconds (arg 2); returns `okValue` on success. */
  readonly waitSql: string;
  readonly okValue: number;
  readonly pauseSql: string;
  readonly resumeSql: string;
  readonly statusSql: string;
}

export const MARIADB: Flavor = {
  name: 'mariadb',
  positionSql: 'SELECT @@GLOBAL.gtid_binlog_pos AS pos',
  waitSql: 'SELECT MASTER_GTID_WAIT(?, ?) AS r',
  okValue: 0,
  pauseSql: 'STOP SLAVE SQL_THREAD',
  resumeSql: 'START SLAVE SQL_THREAD',
  statusSql: 'SHOW SLAVE STATUS',
};

export const MYSQL: Flavor = {
  name: 'mysql',
  positionSql: 'SELECT @@GLOBAL.gtid_executed AS pos',
  waitSql: 'SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?) AS r',
  okValue: 0,
  pauseSql: 'STOP REPLICA SQL_THREAD',
  resumeSql: 'START REPLICA SQL_THREAD',
  statusSql: 'SHOW REPLICA STATUS',
};

export async function detectFlavor(conn: AdminConnection): Promise<Flavor> {
  const [row] = await conn.query<{ v: string }>('SELECT VERSION() AS v');
  return /mariadb/i.test(row?.v ?? '') ? MARIADB : MYSQL;
}

/** Waits until every listed replica has applied the primary's current position. */
export async function waitForReplicas(
  flavor: Flavor,
  primary: AdminConnection,
  replicas: readonly AdminConnection[],
  timeoutMs: number,
): Promise<void> {
  const [row] = await primary.query<{ pos: string | null }>(flavor.positionSql);
  const pos = row?.pos ?? '';
  await Promise.all(
    replicas.map(async (replica) => {
      const [res] = await replica.query<{ r: number | string | null }>(
        flavor.waitSql,
        [pos, timeoutMs / 1000],
        timeoutMs + 10_000,
      );
      if (Number(res?.r) !== flavor.okValue) {
        const status = await describeStatus(flavor, replica);
        throw new Error(
          `[test-kit] ${replica.label} did not apply primary GTID position '${pos}' within ${timeoutMs} ms${status}`,
        );
      }
    }),
  );
}

/** A short replication status for error messages; empty when it cannot be read. */
export async function describeStatus(flavor: Flavor, replica: AdminConnection): Promise<string> {
  try {
    const [s] = await replica.query<Record<string, unknown>>(flavor.statusSql);
    if (!s) return ' (replication is not configured)';
    const pick = (...keys: string[]) => keys.map((k) => s[k]).find((v) => v !== undefined && v !== '');
    const io = pick('Slave_IO_Running', 'Replica_IO_Running');
    const sql = pick('Slave_SQL_Running', 'Replica_SQL_Running');
    const ioErr = pick('Last_IO_Error');
    const sqlErr = pick('Last_SQL_Error');
    return ` (IO thread: ${io}, SQL thread: ${sql}${ioErr ? `, IO error: ${ioErr}` : ''}${sqlErr ? `, SQL error: ${sqlErr}` : ''})`;
  } catch {
    return '';
  }
}
