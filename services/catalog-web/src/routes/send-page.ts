import type { FastifyReply, FastifyRequest } from 'fastify';
import { ifNoneMatchHolds } from '../page-cache.js';
import type { StorefrontOptions } from './options.js';

export const HTML = 'text/html; charset=utf-8';

export interface Page {
  /** What identifies the page in the cache (its normalized address). */
  readonly key: string;
  /** ETags of the API answers it is made from. */
  readonly parts: readonly (string | undefined)[];
  readonly contentType?: string;
  readonly render: () => string;
}

/**
 * A page made from catalog data, with its ETag and Cache-Control: 304 when the browser holds this
 * version, else the stored rendering for these API answers, else a fresh one.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  { pages, pageCacheControl }: StorefrontOptions,
  page: Page,
): FastifyReply {
  const etag = pages.etagOf(page.key, page.parts);
  reply.header('cache-control', pageCacheControl);
  if (etag !== undefined) {
    reply.header('etag', etag);
    if (ifNoneMatchHolds(request.headers['if-none-match'], etag)) return reply.code(304).send();
  }
  return reply
    .code(200)
    .type(page.contentType ?? HTML)
    .send(pages.body(page.key, etag, page.render));
}

/** A page not made from catalog data (errors): never stored by browsers or shared caches. */
export function sendUncachedPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type(HTML).send(html);
}
