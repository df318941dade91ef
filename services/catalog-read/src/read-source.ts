import {
  type Database,
  type DatabaseHandle,
  isUnavailableError,
  measureReplicaLag,
  type ReplicaLag,
  readHeartbeat,
} from '@mystore/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { CatalogMetrics } from './metrics.js';

export interface ReadSourceOptions {
  readonly replica: DatabaseHandle;
  readonly fallback?: DatabaseHandle;
  readonly maxLagSeconds: number;
  readonly metrics: CatalogMetrics;
  readonly log: FastifyBaseLogger;
  /** How often replica health and lag are checked (default 1000 ms). */
  readonly checkIntervalMs?: number;
}

/**
 * Where reads go: the replica, or the fallback (the primary) while the replica is unreachable or lags
 * beyond the threshold. Lag is only trusted when it is known (both heartbeats compared, the primary's
 * fresh): an unknown lag never causes a failover. Without a fallback, lag is reported but never gates.
 */
export class ReadSource {
  #usingFallback = false;
  #replicaReachable = true;
  #fallbackReachable = true;
  #lastLag: ReplicaLag = { state: 'unknown', reason: 'not measured yet' };
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> | undefined;

  constructor(private readonly options: ReadSourceOptions) {}

  get usingFallback(): boolean {
    return this.#usingFallback;
  }

  get lag(): ReplicaLag {
    return this.#lastLag;
  }

  /** True when the database reads go to can answer (as of the last check or read). */
  get healthy(): boolean {
    return this.#usingFallback ? this.#fallbackReachable : this.#replicaReachable;
  }

  /** The database reads go to now. */
  get current(): DatabaseHandle {
    return this.#usingFallback && this.options.fallback ? this.options.fallback : this.options.replica;
  }

  /**
   * Runs a read on the current database; if the replica turns out unreachable, switches to the
   * fallback and runs it there once.
   */
  async read<T>(run: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    const handle = this.current;
    if (handle !== this.options.replica) return this.#readFallback(run);
    try {
      const result = await run(handle.db);
      this.#replicaReachable = true;
      return result;
    } catch (error) {
      if (!isUnavailableError(error)) throw error;
      this.#replicaReachable = false;
      if (!this.options.fallback) throw error;
      this.#switch(true, 'replica unreachable');
      return this.#readFallback(run);
    }
  }

  async #readFallback<T>(run: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    const fallback = this.options.fallback!;
    try {
      const result = await run(fallback.db);
      this.#fallbackReachable = true;
      return result;
    } catch (error) {
      if (isUnavailableError(error)) this.#fallbackReachable = false;
      throw error;
    }
  }

  start(): void {
    const every = this.options.checkIntervalMs ?? 1000;
    const loop = () => {
      this.#timer = setTimeout(() => {
        this.check().finally(loop);
      }, every).unref();
    };
    void this.check().finally(loop);
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  /** Probes the replica, measures lag, and switches source when needed. */
  check(): Promise<void> {
    this.#checking ??= this.#check().finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #check(): Promise<void> {
    const { replica, fallback, metrics, maxLagSeconds } = this.options;
    this.#replicaReachable = await replica.verify(1000).then(
      () => true,
      () => false,
    );
    if (fallback && (this.#usingFallback || !this.#replicaReachable)) {
      this.#fallbackReachable = await fallback.verify(1000).then(
        () => true,
        () => false,
      );
    }
    if (!this.#replicaReachable) {
      this.#lastLag = { state: 'unknown', reason: 'replica unreachable' };
      metrics.replicaLag.set(Number.NaN);
      if (fallback) this.#switch(true, 'replica unreachable');
      return;
    }
    this.#lastLag = await this.#measureLag().catch((error: unknown) => ({
      state: 'unknown' as const,
      reason: `lag check failed: ${(error as Error).message}`,
    }));
    metrics.replicaLag.set(this.#lastLag.state === 'known' ? this.#lastLag.seconds : Number.NaN);
    if (!fallback) return;
    if (this.#lastLag.state === 'known' && this.#lastLag.seconds > maxLagSeconds) {
      this.#switch(true, `replica lags ${this.#lastLag.seconds.toFixed(1)} s`);
    } else {
      this.#switch(
        false,
        this.#lastLag.state === 'known' ? 'replica healthy again' : 'replica reachable, lag unknown',
      );
    }
  }

  async #measureLag(): Promise<ReplicaLag> {
    const { replica, fallback } = this.options;
    if (replica.target.kind === 'sqlite') return { state: 'known', seconds: 0 };
    if (fallback) return measureReplicaLag(fallback.db, replica.db);
    // No primary to compare with: the age of the replica's heartbeat copy, for the record only.
    const reading = await readHeartbeat(replica.db);
    return reading
      ? { state: 'known', seconds: Math.max(0, reading.nowMs - reading.beatAtMs) / 1000 }
      : { state: 'unknown', reason: 'no heartbeat on the replica' };
  }

  #switch(toFallback: boolean, reason: string): void {
    if (toFallback === this.#usingFallback) return;
    this.#usingFallback = toFallback;
    this.options.metrics.fallbackActive.set(toFallback ? 1 : 0);
    if (toFallback) this.options.log.warn({ reason }, 'reading from the fallback database (primary)');
    else this.options.log.info({ reason }, 'reading from the replica again');
  }
}
