import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CompiledQuery, Kysely, type KyselyConfig, MysqlDialect, SqliteDialect, sql } from 'kysely';
import { type SqlDialect, sqlDialect } from './dialect.js';
import { explainConnectionError } from './errors.js';
import { createMysqlPool, type MysqlPoolOptions, type PoolStats } from './mysql-pool.js';
import type { Database } from './schema.js';
import { type DatabaseTarget, describeTarget, parseDatabaseUrl } from './url.js';

export interface OpenDatabaseOptions extends MysqlPoolOptions {
  /** Base for relative `sqlite:` paths (default: `<repo>/.data`). */
  readonly dataDir?: string;
  /** SQLite: open the file read-only (catalog-read). MySQL read-only-ness comes from the user's grants. */
  readonly readOnly?: boolean;
  /** Kysely's query log hook (metrics, debugging). */
  readonly log?: KyselyConfig['log'];
}

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
  readonly target: DatabaseTarget;
  /** `mysql://host:port/db` or `sqlite:<file>`: safe to log. */
  readonly label: string;
  poolStats(): PoolStats;
  /** Runs `SELECT 1` within `timeoutMs`; throws DatabaseUnavailableError naming the problem. */
  verify(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds a Kysely instance from `DATABASE_URL`. Nothing connects until the first query (or `verify()`),
 * so call `verify()` at start-up to fail fast with a clear message.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url, options.dataDir);
  const label = describeTarget(target);
  if (target.kind === 'mysql') {
    const { pool, stats } = createMysqlPool(target, options);
    const dialect = new MysqlDialect({
      pool,
      // UTC sessions whatever the server's default, so TIMESTAMP text and comparisons are UTC too.
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw("SET time_zone = '+00:00'"));
      },
    });
    const db = new Kysely<Database>({ dialect, log: options.log });
    return handle(db, sqlDialect('mysql'), target, label, stats);
  }
  const database = await openSqliteFile(target.file, options.readOnly ?? false).catch((error: unknown) => {
    throw explainConnectionError(error, target);
  });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), log: options.log });
  return handle(db, sqlDialect('sqlite'), target, label, () => ({ total: 1, idle: 1, waiting: 0 }));
}

/**
 * Services never create the SQLite file (`npm run migrate` and `npm start` do): a missing one stops them
 * with a message saying how to create it, where opening it would leave an empty, unmigrated file.
 */
export function assertDatabaseFileExists(url: string, dataDir?: string): void {
  const target = parseDatabaseUrl(url, dataDir);
  if (target.kind === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file)) {
    throw explainConnectionError(
      Object.assign(new Error('no such file'), { code: 'SQLITE_CANTOPEN' }),
      target,
    );
  }
}

function handle(
  db: Kysely<Database>,
  dialect: SqlDialect,
  target: DatabaseTarget,
  label: string,
  poolStats: () => PoolStats,
): DatabaseHandle {
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect,
    target,
    label,
    poolStats,
    async verify(timeoutMs = 5000) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
          timeoutMs,
        );
      });
      try {
        await Promise.race([sql`SELECT 1`.execute(db), deadline]);
      } catch (error) {
        throw explainConnectionError(error, target);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      // Ending a pool whose server is gone reports that server's connect errors: it is closed all the same.
      closed ??= db.destroy().catch(() => undefined);
      return closed;
    },
  };
}

async function openSqliteFile(file: string, readOnly: boolean) {
  // Lazy: production images talk to MySQL and do not ship the native SQLite module.
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  if (!readOnly && file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new BetterSqlite3(file, { readonly: readOnly, fileMustExist: readOnly });
  database.pragma('busy_timeout = 5000');
  if (!readOnly) {
    // WAL lets the read-only catalog-read process read while admin-write writes.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
  }
  database.pragma('foreign_keys = ON');
  return database;
}
