import mysql from 'mysql2/promise';
import type { AdminConnection } from './admin-conn.js';
import { type Flavor, waitForReplicas } from './replication.js';
import type { PairSource, ReplicaPair } from './types.js';

export interface PairParts {
  readonly source: PairSource;
  readonly flavor: Flavor;
  readonly primaryUrl: string;
  readonly replicaUrls: readonly string[];
  readonly replicaWriterUrls: readonly string[];
  readonly admin: { readonly primaryUrl: string; readonly replicaUrls: readonly string[] };
  /** The kit's own admin connections. */
  readonly primary: AdminConnection;
  readonly replicas: readonly AdminConnection[];
  readonly startedAt: number;
  /** Present only where the kit owns the server processes. */
  readonly stopReplica?: (replica: number) => Promise<void>;
  readonly startReplica?: (replica: number) => Promise<void>;
  /** Stops what the source started; must be idempotent. */
  readonly stop: () => Promise<void>;
}

const DEFAULT_WAIT_MS = 10_000;

/** The public ReplicaPair on top of source-specific parts: argument checks, replication control, stop. */
export function createReplicaPair(parts: PairParts): ReplicaPair {
  const count = parts.replicas.length;
  let stopped = false;

  const check = (replica: number | undefined, what: string): number => {
    if (stopped) throw new Error(`[test-kit] ${what}: the pair has been stopped`);
    const i = replica ?? 0;
    if (!Number.isInteger(i) || i < 0 || i >= count) {
      throw new RangeError(`[test-kit] ${what}: replica ${i} does not exist (the pair has ${count})`);
    }
    return i;
  };
  const local = (what: string) => {
    if (!parts.stopReplica || !parts.startReplica) {
      throw new Error(
        `[test-kit] ${what} needs a pair started as local processes (this pair's source is '${parts.source}')`,
      );
    }
    return { stopReplica: parts.stopReplica, startReplica: parts.startReplica };
  };

  const waitForReplication: ReplicaPair['waitForReplication'] = async (opts = {}) => {
    const i = check(opts.replica, 'waitForReplication');
    const targets = opts.replica === undefined ? parts.replicas : [parts.replicas[i]!];
    await waitForReplicas(parts.flavor, parts.primary, targets, opts.timeoutMs ?? DEFAULT_WAIT_MS);
  };

  return {
    source: parts.source,
    primaryUrl: parts.primaryUrl,
    replicaUrl: parts.replicaUrls[0]!,
    replicaUrls: parts.replicaUrls,
    replicaWriterUrls: parts.replicaWriterUrls,
    admin: parts.admin,
    startupMs: Date.now() - parts.startedAt,
    waitForReplication,
    async pauseReplication(replica) {
      const i = check(replica, 'pauseReplication');
      await parts.replicas[i]!.query(parts.flavor.pauseSql);
    },
    async resumeReplication(replica) {
      const i = check(replica, 'resumeReplication');
      await parts.replicas[i]!.query(parts.flavor.resumeSql);
    },
    async stopReplica(replica) {
      const { stopReplica } = local('stopReplica');
      await stopReplica(check(replica, 'stopReplica'));
    },
    async startReplica(replica) {
      const { startReplica } = local('startReplica');
      const i = check(replica, 'startReplica');
      await startReplica(i);
      await waitForReplication({ replica: i });
    },
    async stop() {
      stopped = true;
      await parts.stop();
    },
  };
}

/** Connects once with each URL: the pair is handed out only when the application users really work. */
export async function verifyLogins(urls: readonly string[]): Promise<void> {
  await Promise.all(
    urls.map(async (url) => {
      const conn = await mysql.createConnection({ uri: url, connectTimeout: 5_000 }).catch((err: Error) => {
        throw new Error(`[test-kit] cannot log in with ${redact(url)}: ${err.message}`);
      });
      try {
        await conn.query('SELECT 1');
      } finally {
        await conn.end();
      }
    }),
  );
}

/** The URL without its password, for error messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}
