import type { AdminConnection } from './admin-conn.js';
import { quoteId, randomPassword } from './urls.js';

export interface KitPasswords {
  readonly repl: string;
  readonly admin: string;
  readonly rw: string;
  readonly ro: string;
}

export function newPasswords(): KitPasswords {
  return { repl: randomPassword(), admin: randomPassword(), rw: randomPassword(), ro: randomPassword() };
}

/**
 * The kit's users and the app schema, created on a fresh primary (the binlog carries them to every
 * replica). The same statements work on MariaDB 10.11 and MySQL 8.4. `admin` gets every privilege,
 * including MariaDB's READ_ONLY ADMIN: it can write on a read_only MariaDB replica, which breaks replication.
 */
export async function createKitUsers(
  primary: AdminConnection,
  database: string,
  pw: KitPasswords,
): Promise<void> {
  const db = quoteId(database);
  const statements: [string, string[]][] = [
    ["CREATE USER 'repl'@'%' IDENTIFIED BY ?", [pw.repl]],
    ["GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'", []],
    ["CREATE USER 'admin'@'%' IDENTIFIED BY ?", [pw.admin]],
    ["GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION", []],
    ["CREATE USER 'app_rw'@'%' IDENTIFIED BY ?", [pw.rw]],
    [`GRANT ALL PRIVILEGES ON ${db}.* TO 'app_rw'@'%'`, []],
    ["CREATE USER 'app_ro'@'%' IDENTIFIED BY ?", [pw.ro]],
    [`GRANT SELECT ON ${db}.* TO 'app_ro'@'%'`, []],
    [`CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`, []],
  ];
  for (const [sql, values] of statements) await primary.query(sql, values);
}
