import type { Database } from '@mystore/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { SnapshotResult } from '../catalog-reader.js';
import type { CatalogRoutesOptions } from './options.js';

/**
 * The ETag of a response at a catalog version: the version and the representation (no body hashing).
 * The latest is kept: nearly every response is at the pod's current version.
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
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** A response that broke its own schema: a bug to fix, answered 500 and logged with the field it names. */
export class ResponseSerializationError extends Error {
  override name = 'ResponseSerializationError';
}

function serializeWith(reply: FastifyReply) {
  return (body: unknown): string => {
    try {
      return reply.serialize(body) as string;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ResponseSerializationError(`the response does not match its schema: ${reason}`, {
        cause: error,
      });
    }
  };
}

/**
 * Every catalog GET, after its route's validation: 304 when the client holds the pod's current
 * version; otherwise the reader's response (cache, then one database snapshot, then the last good one).
 */
export async function answerFromCatalog(
  request: FastifyRequest,
  reply: FastifyReply,
  options: CatalogRoutesOptions,
  key: string,
  query: (snapshot: Kysely<Database>) => Promise<SnapshotResult>,
): Promise<FastifyReply> {
  const { reader, etagFor, cacheControl } = options;
  const ifNoneMatch = request.headers['if-none-match'];
  reply.header('cache-control', cacheControl);
  if (reader.version !== 0 && matchesIfNoneMatch(ifNoneMatch, etagFor(reader.version))) {
    reader.countNotModified();
    return reply.code(304).header('etag', etagFor(reader.version)).header('x-cache', 'hit').send();
  }
  const { response, result } = await reader.read(key, query, serializeWith(reply));
  reply.header('x-cache', result);
  if (response.status !== 200)
    return reply.code(response.status).type(response.contentType).send(response.body);
  const etag = etagFor(response.version);
  reply.header('etag', etag);
  if (matchesIfNoneMatch(ifNoneMatch, etag)) return reply.code(304).send();
  return reply.code(200).type(response.contentType).send(response.body);
}
