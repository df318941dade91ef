import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Where distributions and tarballs put the server when it is not on PATH (sbin is often missing there). */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin'];

export interface MariadbBinaries {
  readonly server: string;
  readonly installDb: string;
}

export type BinaryLookup = { found: true; binaries: MariadbBinaries } | { found: false; reason: string };

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findFirst(names: readonly string[], dirs: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function searchDirs(): string[] {
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...new Set([...fromPath, ...EXTRA_DIRS])];
}

let cached: Promise<BinaryLookup> | undefined;

/** Finds a MariaDB server and its datadir installer (memoized: the answer cannot change during a run). */
export function findMariadb(): Promise<BinaryLookup> {
  cached ??= lookup();
  return cached;
}

async function lookup(): Promise<BinaryLookup> {
  const dirs = searchDirs();
  let server = await findFirst(['mariadbd'], dirs);
  if (!server) {
    const mysqld = await findFirst(['mysqld'], dirs);
    if (!mysqld) return { found: false, reason: 'no mariadbd/mysqld binary found' };
    // Only MariaDB is supported locally: MySQL needs a different install and replication recipe.
    const version = await execFileAsync(mysqld, ['--version'], { timeout: 5_000 }).then(
      (r) => r.stdout,
      () => '',
    );
    if (!/mariadb/i.test(version)) return { found: false, reason: `${mysqld} is not MariaDB` };
    server = mysqld;
  }
  const installDb = await findFirst(['mariadb-install-db', 'mysql_install_db'], dirs);
  if (!installDb)
    return { found: false, reason: `${server} found but no mariadb-install-db/mysql_install_db` };
  return { found: true, binaries: { server, installDb } };
}
