import type { MysqlPool, MysqlPoolConnection } from 'kysely';
import { createPool, type Pool, type PoolConnection } from 'mysql2';
import type { DatabaseTarget } from './url.js';

type MysqlTarget = Extract<DatabaseTarget, { kind: 'mysql' }>;

export interface MysqlPoolOptions {
  /** Connections in the pool (default 10). */
  readonly connectionLimit?: number;
  /** Requests that may wait for a connection before new ones fail at once (default 100). */
  readonly queueLimit?: number;
  /** How long a request waits for a pooled connection (default 2000 ms). */
  readonly acquireTimeoutMs?: number;
  /** TCP connect + handshake deadline (default 2000 ms). */
  readonly connectTimeoutMs?: number;
  /** Per-query deadline enforced by the client (default 5000 ms): portable, unlike max_execution_time. */
  readonly queryTimeoutMs?: number;
}

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export class PoolAcquireTimeoutError extends Error {
  override name = 'PoolAcquireTimeoutError';
  readonly code = 'POOL_ACQUIRE_TIMEOUT';
}

/** Errors after which the connection's protocol state is unknown: destroy it instead of reusing it. */
const POISONING_CODES = new Set([
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'EPIPE',
]);

/**
 * A mysql2 callback pool (Kysely's MysqlDialect needs the callback API) with what mysql2 lacks:
 * an acquire timeout, a per-query timeout on every Kysely query, and destruction of connections a
 * timeout left mid-protocol. The queue is bounded so a dead server cannot pile up requests.
 */
export function createMysqlPool(target: MysqlTarget, options: MysqlPoolOptions = {}) {
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 2000;
  const queryTimeoutMs = options.queryTimeoutMs ?? 5000;
  const pool: Pool = createPool({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    connectionLimit: options.connectionLimit ?? 10,
    queueLimit: options.queueLimit ?? 100,
    waitForConnections: true,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    enableKeepAlive: true,
    // Exactness: DECIMAL stays a string; timestamps are UTC.
    decimalNumbers: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    multipleStatements: false,
  });

  const wrapConnection = (raw: PoolConnection): MysqlPoolConnection => {
    let poisoned = false;
    const watch = (error: unknown) => {
      const code = (error as { code?: string } | null)?.code;
      if ((code && POISONING_CODES.has(code)) || (error as { fatal?: boolean } | null)?.fatal)
        poisoned = true;
    };
    const connection = {
      query(sql: string, values: unknown[], callback?: (error: unknown, result: never) => void) {
        const options = { sql, values, timeout: queryTimeoutMs };
        if (!callback) {
          const query = raw.query(options);
          query.on('error', watch);
          return query;
        }
        raw.query(options, (error: unknown, result: unknown) => {
          if (error) watch(error);
          callback(error, result as never);
        });
      },
      release() {
        if (poisoned) raw.destroy();
        else raw.release();
      },
    };
    return connection as unknown as MysqlPoolConnection;
  };

  const kyselyPool: MysqlPool = {
    getConnection(callback) {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        callback(
          new PoolAcquireTimeoutError(`no database connection free within ${acquireTimeoutMs} ms`),
          undefined as never,
        );
      }, acquireTimeoutMs);
      pool.getConnection((error, raw) => {
        clearTimeout(timer);
        if (settled) {
          // The caller gave up; hand the late connection straight back.
          raw?.release();
          return;
        }
        settled = true;
        if (error) callback(error, undefined as never);
        else callback(null, wrapConnection(raw));
      });
    },
    end(callback) {
      pool.end(callback);
    },
  };

  const stats = (): PoolStats => {
    // mysql2 keeps these internals stable across 3.x; they are the only way to read pool usage.
    const internals = pool as unknown as {
      _allConnections: { length: number };
      _freeConnections: { length: number };
      _connectionQueue: { length: number };
    };
    return {
      total: internals._allConnections.length,
      idle: internals._freeConnections.length,
      waiting: internals._connectionQueue.length,
    };
  };

  return { pool: kyselyPool, stats };
}
