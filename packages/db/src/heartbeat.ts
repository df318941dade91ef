import type { Kysely } from 'kysely';
import { dialectNameOf, sqlDialect } from './dialect.js';
import type { Database } from './schema.js';
import { toEpochMs } from './time.js';

/** How often admin-write rewrites the heartbeat row on the primary. */
export const HEARTBEAT_INTERVAL_MS = 1000;

export interface HeartbeatWriter {
  /** Stops the loop and waits for a write in flight. */
  stop(): Promise<void>;
}

/**
 * Rewrites the heartbeat row with the primary's clock every `intervalMs` (admin-write runs this).
 * A failed beat is reported to `onError` and the loop goes on: a primary that is back resumes beating.
 */
export function startHeartbeatWriter(
  db: Kysely<Database>,
  options: { readonly intervalMs?: number; readonly onError?: (error: unknown) => void } = {},
): HeartbeatWriter {
  const dialect = sqlDialect(dialectNameOf(db as Kysely<unknown>));
  const intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const beat = () => {
    inFlight = dialect
      .writeHeartbeat(db)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        // Chained timeouts, not setInterval: a slow write never overlaps the next.
        if (!stopped) timer = setTimeout(beat, intervalMs).unref();
      });
  };
  beat();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

/** The heartbeat as one database sees it, with that database's clock at the time of reading. */
export interface HeartbeatReading {
  /** When the primary last beat, by the primary's clock (on a replica: its replicated copy). */
  readonly beatAtMs: number;
  /** The clock of the database that was read. */
  readonly nowMs: number;
}

/** Reads the heartbeat row; undefined when no beat has ever reached this database. */
export async function readHeartbeat(db: Kysely<Database>): Promise<HeartbeatReading | undefined> {
  const dialect = sqlDialect(dialectNameOf(db as Kysely<unknown>));
  const row = await db
    .selectFrom('heartbeat')
    .select((eb) => ['beat_at', eb.val(dialect.now).as('now')])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ? { beatAtMs: toEpochMs(row.beat_at), nowMs: toEpochMs(row.now as Date | string) } : undefined;
}

export type ReplicaLag =
  | { readonly state: 'known'; readonly seconds: number }
  | { readonly state: 'unknown'; readonly reason: string };

/**
 * Lag = how far the replica's copy of the heartbeat trails the primary's, both stamped by the primary's
 * clock (so no clock skew enters), accurate to one heartbeat interval. When the primary's own heartbeat
 * is stale (no writer running, primary stuck), lag is unknown: an unknown lag must never cause a failover.
 */
export function computeReplicaLag(
  primary: HeartbeatReading | undefined,
  replica: HeartbeatReading | undefined,
  staleAfterMs = 5 * HEARTBEAT_INTERVAL_MS,
): ReplicaLag {
  if (!primary) return { state: 'unknown', reason: 'the primary has no heartbeat' };
  const primaryAgeMs = primary.nowMs - primary.beatAtMs;
  if (primaryAgeMs > staleAfterMs) {
    return {
      state: 'unknown',
      reason: `the primary's heartbeat is stale (${Math.round(primaryAgeMs)} ms old)`,
    };
  }
  if (!replica) return { state: 'unknown', reason: 'the replica has no heartbeat yet' };
  return { state: 'known', seconds: Math.max(0, primary.beatAtMs - replica.beatAtMs) / 1000 };
}

/** Reads both heartbeats and computes the replica's lag. */
export async function measureReplicaLag(
  primary: Kysely<Database>,
  replica: Kysely<Database>,
  staleAfterMs?: number,
): Promise<ReplicaLag> {
  const [primaryReading, replicaReading] = await Promise.all([
    readHeartbeat(primary),
    readHeartbeat(replica),
  ]);
  return computeReplicaLag(primaryReading, replicaReading, staleAfterMs);
}
