import { existsSync } from 'node:fs';
import { type DatabaseTarget, describeTarget } from './url.js';

/** A database that cannot be used, with a message that names the problem (never the password). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(
    message: string,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Turns a driver error into one line a person can act on. */
export function explainConnectionError(error: unknown, target: DatabaseTarget): DatabaseUnavailableError {
  const where = describeTarget(target);
  const code = String((error as { code?: unknown } | null)?.code ?? 'UNKNOWN');
  const message = (() => {
    if (target.kind === 'sqlite') return `cannot open ${where}: ${sqliteProblem(error, target.file)}`;
    switch (code) {
      case 'ECONNREFUSED':
        return `cannot reach ${where}: connection refused (is the server running on that port?)`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `cannot reach ${where}: host '${target.host}' not found`;
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `cannot reach ${where}: no answer in time (${code})`;
      case 'ER_ACCESS_DENIED_ERROR':
        return `${where} rejected user '${target.user}': wrong password or no such user`;
      case 'ER_DBACCESS_DENIED_ERROR':
        return `${where}: user '${target.user}' may not use database '${target.database}'`;
      case 'ER_BAD_DB_ERROR':
        return `${where}: database '${target.database}' does not exist`;
      case 'POOL_ACQUIRE_TIMEOUT':
      case 'PROTOCOL_SEQUENCE_TIMEOUT':
        return `${where} did not answer in time`;
      default:
        return `cannot use ${where}: ${code}`;
    }
  })();
  return new DatabaseUnavailableError(message, code, { cause: error });
}

/** Why an SQLite file cannot be opened, saying what to do where we know. */
function sqliteProblem(error: unknown, file: string): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_MODULE_NOT_FOUND' && String(message).includes('better-sqlite3')) {
    return 'the SQLite driver (better-sqlite3) is not installed here; set DATABASE_URL=mysql://…';
  }
  if (file !== ':memory:' && !existsSync(file)) {
    return 'no such file; create it with `npm run migrate` (or run everything with `npm start`)';
  }
  return typeof message === 'string' ? message : String(error);
}

/** Driver errors that mean "this database cannot answer now" (as opposed to a bad query). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_ACQUIRE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
]);

export function isUnavailableError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const { code, fatal } = (error ?? {}) as { code?: unknown; fatal?: unknown };
  return (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || fatal === true;
}

/** A unique or primary key already holds this value (MySQL ER_DUP_ENTRY, SQLite UNIQUE/PRIMARY KEY). */
export function isDuplicateKeyError(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return (
    code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
