import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { CatalogRoutesOptions } from './options.js';
import { replyNotModified, sendCatalogResponse } from './send.js';

/** URLs remembered per route; beyond that the oldest is forgotten (it then takes the full path once). */
const MAX_REMEMBERED = 10_000;
/** Longer URLs are not remembered: the map stays small whatever clients send. */
const MAX_URL_LENGTH = 1024;

/**
 * The cache keys of request URLs that have passed their route's validation. Validation and the cache
 * key are pure functions of the URL, so a URL seen once needs neither again: its fresh hit (or its
 * 304) can be answered before Fastify validates the query string and runs the handler, which is most
 * of a hit's own work. Only URLs that were fully accepted are remembered; an invalid one never is, so
 * it keeps getting its 400.
 */
export class AcceptedUrls {
  readonly #keys = new Map<string, string>();

  constructor(private readonly maxEntries = MAX_REMEMBERED) {}

  get size(): number {
    return this.#keys.size;
  }

  keyOf(url: string): string | undefined {
    return this.#keys.get(url);
  }

  remember(url: string, key: string): void {
    if (url.length > MAX_URL_LENGTH || this.#keys.has(url)) return;
    if (this.#keys.size >= this.maxEntries) {
      // Map order is insertion order: the first key is the oldest.
      const oldest = this.#keys.keys().next();
      if (!oldest.done) this.#keys.delete(oldest.value);
    }
    this.#keys.set(url, key);
  }
}

/**
 * Answers from the pod's version (304) or from a fresh cache entry for `key`, if either can; false
 * when the request needs the database. The route handlers and the hook below share it.
 */
export function answeredFromCache(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  options: CatalogRoutesOptions,
): boolean {
  if (replyNotModified(request, reply, options)) return true;
  const hit = options.reader.fresh(key);
  if (!hit) return false;
  sendCatalogResponse(request, reply, hit, options);
  return true;
}

/**
 * Route-level onRequest hook: a remembered URL is answered as its handler would answer it from the
 * cache; anything else (unknown URL, stale or missing entry) goes on to validation and the handler.
 */
export function answerFreshHits(accepted: AcceptedUrls, options: CatalogRoutesOptions): onRequestHookHandler {
  return (request, reply, done) => {
    const key = accepted.keyOf(request.url);
    if (key === undefined || !answeredFromCache(request, reply, key, options)) done();
  };
}
