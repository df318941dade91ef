/**
 * admin-write's (w2) measurement: paced PATCHes, each followed until catalog-read (and the replica)
 * shows the new value.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from '@mystore/db';
import { header, sendRaw } from '../lib/http.js';
import { round } from '../lib/stats.js';

/** How often a write's new value is looked for, per write (catalog-read and replica alike). */
export const POLL_INTERVAL_MS = 5;
/** A write not visible after this long counts as this long (and as a timeout). */
export const VISIBILITY_TIMEOUT_MS = 10_000;

export interface WriteSample {
  /** PATCH sent → its response, ms. */
  readonly writeMs: number;
  /** Scheduled send time → actual send time, ms (the writer falling behind its pace). */
  readonly sendLagMs: number;
  /** PATCH sent → first catalog-read response showing the value; VISIBILITY_TIMEOUT_MS when never. */
  readonly visibleMs: number;
  readonly visibleTimedOut: boolean;
  /** PATCH sent → first replica SELECT showing the value; VISIBILITY_TIMEOUT_MS when never. */
  readonly replicaMs: number;
  readonly replicaTimedOut: boolean;
  /** x-cache of the first response showing the value. */
  readonly xCache: string;
}

export interface VisibilityRun {
  readonly samples: readonly WriteSample[];
  readonly failedWrites: number;
  readonly failedWriteStatuses: Record<string, number>;
  readonly pollRequests: number;
  readonly pollErrors: number;
  readonly durationS: number;
}

export interface Distribution {
  readonly n: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles of a small sample (200 writes: p99 is the 198th smallest). */
export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) {
    return { n: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return {
    n: sorted.length,
    p50: round(rank(50), 1),
    p90: round(rank(90), 1),
    p99: round(rank(99), 1),
    max: round(sorted.at(-1)!, 1),
    mean: round(mean, 1),
  };
}

/**
 * Runs `seen` every POLL_INTERVAL_MS from `t0` until it answers true (a probe that throws counts as not
 * yet): the ms from `t0` to that answer, or VISIBILITY_TIMEOUT_MS when it never came.
 */
async function pollUntil(t0: number, seen: () => Promise<boolean>, checkRunning: () => void) {
  for (;;) {
    checkRunning();
    const sentAt = performance.now();
    if (sentAt - t0 > VISIBILITY_TIMEOUT_MS) return { ms: VISIBILITY_TIMEOUT_MS, timedOut: true };
    if (await seen().catch(() => false)) return { ms: performance.now() - t0, timedOut: false };
    const wait = sentAt + POLL_INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
}

/**
 * `writes` PATCHes of a product's name, one every 1/rate s (sequential: one connection, each sent at its
 * scheduled time or as soon as the previous answered). For each, from its response on, catalog-read's
 * `GET /api/v1/products/:id` and the replica's row are polled every POLL_INTERVAL_MS on their own
 * connections until the name is this write's or a later one's.
 */
export async function runVisibility(options: {
  readonly adminUrl: string;
  readonly catalogUrl: string;
  readonly auth: Readonly<Record<string, string>>;
  readonly replica: DatabaseHandle;
  readonly productIds: readonly number[];
  readonly writes: number;
  readonly rate: number;
  readonly signal: AbortSignal;
  readonly log: (message: string) => void;
}): Promise<VisibilityRun> {
  const marker = `bench visibility ${randomBytes(3).toString('hex')} #`;
  const seqOf = (name: unknown): number =>
    typeof name === 'string' && name.startsWith(marker) ? Number(name.slice(marker.length)) : -1;
  const writeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  // No socket limit: each poller in flight gets a connection of its own (reused once it is done).
  const pollAgent = new Agent({ keepAlive: true });
  let pollRequests = 0;
  let pollErrors = 0;
  const failedWriteStatuses: Record<string, number> = {};
  let failedWrites = 0;

  // Set when the run ends, also by an error: pollers still going then stop at their next turn.
  let ended = false;
  const checkRunning = () => {
    options.signal.throwIfAborted();
    if (ended) throw new Error('the visibility run ended');
  };
  const pollCatalog = async (seq: number, productId: number, t0: number) => {
    let xCache = '–';
    const visible = await pollUntil(
      t0,
      async () => {
        try {
          const answer = await sendRaw(`${options.catalogUrl}/api/v1/products/${productId}`, {
            agent: pollAgent,
          });
          pollRequests++;
          if (answer.status !== 200) return false;
          if (seqOf((JSON.parse(answer.body.toString('utf8')) as { name?: unknown }).name) < seq)
            return false;
          xCache = header(answer, 'x-cache') ?? '–';
          return true;
        } catch (error) {
          pollErrors++;
          throw error;
        }
      },
      checkRunning,
    );
    return { ...visible, xCache };
  };
  const pollReplica = (seq: number, productId: number, t0: number) =>
    pollUntil(
      t0,
      async () => {
        const row = await options.replica.db
          .selectFrom('products')
          .select('name')
          .where('product_id', '=', productId)
          .executeTakeFirst();
        return seqOf(row?.name) >= seq;
      },
      checkRunning,
    );

  const pending: Promise<WriteSample>[] = [];
  const intervalMs = 1000 / options.rate;
  const start = performance.now() + 20;
  try {
    for (let seq = 0; seq < options.writes; seq++) {
      checkRunning();
      const scheduled = start + seq * intervalMs;
      const wait = scheduled - performance.now();
      if (wait > 0) await sleep(wait);
      const productId = options.productIds[seq % options.productIds.length]!;
      const t0 = performance.now();
      const answer = await sendRaw(`${options.adminUrl}/api/admin/products/${productId}`, {
        method: 'PATCH',
        headers: options.auth,
        body: JSON.stringify({ name: `${marker}${seq}` }),
        agent: writeAgent,
      });
      const writeMs = performance.now() - t0;
      if (answer.status !== 200) {
        failedWrites++;
        failedWriteStatuses[answer.status] = (failedWriteStatuses[answer.status] ?? 0) + 1;
        if (failedWrites * 2 > seq + 1 && seq >= 9) {
          throw new Error(
            `(w2) ${failedWrites} of ${seq + 1} PATCHes failed (${JSON.stringify(failedWriteStatuses)}); ` +
              `last answer ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`,
          );
        }
        continue;
      }
      const sample = Promise.all([pollCatalog(seq, productId, t0), pollReplica(seq, productId, t0)]).then(
        ([visible, replica]) => ({
          writeMs: round(writeMs, 2),
          sendLagMs: round(Math.max(0, t0 - scheduled), 2),
          visibleMs: round(visible.ms, 2),
          visibleTimedOut: visible.timedOut,
          replicaMs: round(replica.ms, 2),
          replicaTimedOut: replica.timedOut,
          xCache: visible.xCache,
        }),
      );
      // Awaited below; when the run fails before that, its rejection must not go unhandled.
      sample.catch(() => undefined);
      pending.push(sample);
      if ((seq + 1) % 50 === 0) options.log(`(w2) ${seq + 1}/${options.writes} writes sent`);
    }
    const samples = await Promise.all(pending);
    return {
      samples,
      failedWrites,
      failedWriteStatuses,
      pollRequests,
      pollErrors,
      durationS: round((performance.now() - start) / 1000, 1),
    };
  } finally {
    ended = true;
    writeAgent.destroy();
    pollAgent.destroy();
  }
}
