import { type Database, readCatalogVersion, readSnapshot } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { CacheResult, CatalogMetrics } from './metrics.js';
import type { ReadSource } from './read-source.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';

export type { CacheResult } from './metrics.js';

/** What a route computes from one snapshot of the catalog. */
export interface Rendered {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * Serves catalog responses from the cache while their version is current, and otherwise from one
 * read-only snapshot holding both the version and the data, so an entry can never pair a newer version
 * with older rows (even when a load-balanced replica Service hands out connections to replicas at
 * different positions). The pod's version only moves forward. Concurrent misses for one key share one
 * query. When no database answers, the last good response is served, marked stale.
 */
export class CatalogReader {
  #version = 0;
  readonly #inFlight = new Map<string, Promise<CachedResponse>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: ReadSource,
    private readonly cache: ResponseCache | undefined,
    private readonly metrics: CatalogMetrics,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Newest catalog version seen by this pod (0 before the first read). */
  get version(): number {
    return this.#version;
  }

  get cachedEntries(): number {
    return this.cache?.size ?? 0;
  }

  /** Counts a response answered without the cache or database (a 304 on the current version). */
  countHit(): void {
    this.metrics.countCacheResult('hit');
  }

  observeVersion(version: number): void {
    if (version > this.#version) {
      this.#version = version;
      this.metrics.catalogVersion.set(version);
    }
  }

  /** Polls the catalog version so writes reach this pod within replication lag + the interval. */
  startVersionPolling(intervalMs: number): void {
    const poll = async () => {
      try {
        this.observeVersion(await this.source.read((db) => readCatalogVersion(db)));
      } catch (error) {
        this.log.debug({ err: error }, 'catalog version poll failed');
      }
      this.#timer = setTimeout(poll, intervalMs).unref();
    };
    void poll();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  /** The cached response for `key` if it is at the pod's current version (counted as a hit). */
  fresh(key: string): { response: CachedResponse; result: 'hit' } | undefined {
    const cached = this.cache?.get(key);
    if (!cached || this.#version === 0 || cached.version !== this.#version) return undefined;
    this.countHit();
    return { response: cached, result: 'hit' };
  }

  /** The fresh cached response, else one rendered from a snapshot, else the last good one (stale). */
  async respond(
    key: string,
    render: (snapshot: Kysely<Database>) => Promise<Rendered>,
  ): Promise<{ response: CachedResponse; result: CacheResult }> {
    const hit = this.fresh(key);
    if (hit) return hit;
    try {
      const response = await this.#load(key, render);
      this.metrics.countCacheResult('miss');
      return { response, result: 'miss' };
    } catch (error) {
      const lastGood = this.cache?.get(key);
      if (lastGood) {
        this.log.warn({ err: error }, 'no database answered; serving the last good response');
        this.metrics.countCacheResult('stale');
        return { response: lastGood, result: 'stale' };
      }
      this.log.error({ err: error }, 'no database answered and nothing cached');
      throw new HttpProblem(503, 'The catalog is temporarily unavailable; retry shortly.', {
        headers: { 'retry-after': '5' },
      });
    }
  }

  #load(key: string, render: (snapshot: Kysely<Database>) => Promise<Rendered>): Promise<CachedResponse> {
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.source
        .read((db) =>
          readSnapshot(db, async (snapshot) => {
            const version = await readCatalogVersion(snapshot);
            const rendered = await render(snapshot);
            return { version, rendered };
          }),
        )
        .then(({ version, rendered }) => {
          const response: CachedResponse = {
            version,
            status: rendered.status,
            contentType: rendered.contentType,
            body: Buffer.from(rendered.body),
          };
          // Stored under the version read in the same snapshot; an older snapshot (a lagging replica)
          // is served but never stored over newer knowledge.
          if (version >= this.#version) this.cache?.set(key, response);
          this.observeVersion(version);
          return response;
        })
        .finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }
}
