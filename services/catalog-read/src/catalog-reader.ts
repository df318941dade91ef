import { type Database, isUnavailableError, readCatalogVersion, readSnapshot } from '@mystore/db';
import { PROBLEM_CONTENT_TYPE, type Problem } from '@mystore/service-kernel';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { CacheResult, CatalogMetrics } from './metrics.js';
import type { ReadSource } from './read-source.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';

export type { CacheResult } from './metrics.js';

/** What a route reads from one snapshot of the catalog: a 200 body, or a problem (an unknown product). */
export type SnapshotResult = { readonly status: 200; readonly body: unknown } | { readonly problem: Problem };

/** Turns a 200 body into the bytes sent (the route's response serializer). */
export type Serialize = (body: unknown) => string;

export interface CatalogAnswer {
  readonly response: CachedResponse;
  readonly result: CacheResult;
}

const JSON_TYPE = 'application/json; charset=utf-8';

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

  /** Counts a request answered 304 from the pod's version alone (a hit: no cache or database read). */
  countNotModified(): void {
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

  stopVersionPolling(): void {
    clearTimeout(this.#timer);
  }

  /**
   * The response for `key`: cached while at the pod's version (hit), else read from a snapshot (miss),
   * else, when no database answers, the last good one (stale). Any other error, or no last good
   * response, is thrown to the kernel's error handler (503 for an unreachable database, else 500).
   */
  async read(
    key: string,
    query: (snapshot: Kysely<Database>) => Promise<SnapshotResult>,
    serialize: Serialize,
  ): Promise<CatalogAnswer> {
    const cached = this.cache?.get(key);
    if (cached && this.#version !== 0 && cached.version === this.#version) {
      this.metrics.countCacheResult('hit');
      return { response: cached, result: 'hit' };
    }
    try {
      const response = await this.#load(key, query, serialize);
      this.metrics.countCacheResult('miss');
      return { response, result: 'miss' };
    } catch (error) {
      if (!cached || !isUnavailableError(error)) throw error;
      this.log.warn({ err: error }, 'no database answered; serving the last good response');
      this.metrics.countCacheResult('stale');
      return { response: cached, result: 'stale' };
    }
  }

  #load(
    key: string,
    query: (snapshot: Kysely<Database>) => Promise<SnapshotResult>,
    serialize: Serialize,
  ): Promise<CachedResponse> {
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.source
        .read((db) =>
          readSnapshot(db, async (snapshot) => ({
            version: await readCatalogVersion(snapshot),
            result: await query(snapshot),
          })),
        )
        .then(({ version, result }) => {
          // Serialized after the snapshot is closed: a body that breaks its schema is a bug (500),
          // never mistaken for a database that did not answer.
          const response: CachedResponse =
            'problem' in result
              ? {
                  version,
                  status: result.problem.status,
                  contentType: PROBLEM_CONTENT_TYPE,
                  body: Buffer.from(JSON.stringify(result.problem)),
                }
              : { version, status: 200, contentType: JSON_TYPE, body: Buffer.from(serialize(result.body)) };
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
