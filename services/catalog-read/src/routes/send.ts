import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CacheResult } from '../catalog-reader.js';
import type { CachedResponse } from '../response-cache.js';
import type { CatalogRoutesOptions } from './options.js';

/**
 * ETags from the catalog version and the representation (no body hashing). The latest one is kept:
 * nearly every response is at the pod's current version, so most requests build no string for it.
 */
export function versionEtags(representation: string): (version: number) => string {
  let lastVersion = Number.NaN;
  let lastEtag = '';
  return (version) => {
    if (version !== lastVersion) {
      lastEtag = `"v${version}-${representation}"`;
      lastVersion = version;
    }
    return lastEtag;
  };
}

/** RFC 9110 weak comparison against an If-None-Match list. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  // What a client sends back after one response: the ETag itself.
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/**
 * Revalidation without touching cache or database: a 200 at this pod's current version is fully
 * determined by that version, so a matching ETag is answered 304 at once.
 */
export function replyNotModified(
  request: FastifyRequest,
  reply: FastifyReply,
  options: CatalogRoutesOptions,
) {
  const version = options.reader.version;
  const ifNoneMatch = request.headers['if-none-match'];
  if (version === 0 || ifNoneMatch === undefined) return false;
  const etag = options.etagFor(version);
  if (!matchesIfNoneMatch(ifNoneMatch, etag)) return false;
  options.reader.countHit();
  reply
    .code(304)
    .header('etag', etag)
    .header('cache-control', options.cacheControl)
    .header('x-cache', 'hit')
    .send();
  return true;
}

export function sendCatalogResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: { response: CachedResponse; result: CacheResult },
  options: CatalogRoutesOptions,
): FastifyReply {
  const { response, result } = outcome;
  reply.header('x-cache', result).header('cache-control', options.cacheControl);
  if (response.status !== 200)
    return reply.code(response.status).type(response.contentType).send(response.body);
  const etag = options.etagFor(response.version);
  reply.header('etag', etag);
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).type(response.contentType).send(response.body);
}

/** Serializes with the route's response schema (fast-json-stringify): the cached bytes match the contract. */
export function serializeJson(reply: FastifyReply, payload: unknown): string {
  return reply.serialize(payload) as string;
}
