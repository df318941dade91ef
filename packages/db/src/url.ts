import path from 'node:path';
import { DEFAULT_DATA_DIR } from './local-data.js';

/** Where `DATABASE_URL` points: a MySQL/MariaDB server or an SQLite file. */
export type DatabaseTarget =
  | {
      readonly kind: 'mysql';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly password: string;
      readonly database: string;
    }
  | { readonly kind: 'sqlite'; readonly file: string };

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * Parses `mysql://user:pass@host:port/db` or `sqlite:<path>` (`sqlite::memory:` for tests). A relative
 * SQLite path resolves against `dataDir` (default `<repo>/.data`). Errors never repeat the password.
 */
export function parseDatabaseUrl(url: string, dataDir: string = DEFAULT_DATA_DIR): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new DatabaseUrlError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:catalog.db');
    if (file === ':memory:') return { kind: 'sqlite', file };
    return { kind: 'sqlite', file: path.resolve(dataDir, file) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL is not a URL: ${redactDatabaseUrl(url)}`);
  }
  if (parsed.protocol !== 'mysql:') {
    throw new DatabaseUrlError(
      `DATABASE_URL has unsupported scheme '${parsed.protocol.replace(/:$/, '')}': use mysql://user:pass@host:port/db or sqlite:<path>`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!parsed.hostname) throw new DatabaseUrlError('DATABASE_URL: mysql:// needs a host');
  if (!parsed.username) throw new DatabaseUrlError('DATABASE_URL: mysql:// needs a user');
  if (!database || database.includes('/')) {
    throw new DatabaseUrlError(
      'DATABASE_URL: mysql:// needs a database name, e.g. mysql://user:pass@host:3306/mystore',
    );
  }
  return {
    kind: 'mysql',
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** The URL with its password replaced, safe for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** A short label for logs and metrics: `mysql://host:port/db` or `sqlite:<file>`. */
export function describeTarget(target: DatabaseTarget): string {
  return target.kind === 'mysql'
    ? `mysql://${target.host}:${target.port}/${target.database}`
    : `sqlite:${target.file}`;
}
