import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { WebMetrics } from './metrics.js';

interface RenderedPage {
  readonly etag: string;
  readonly body: string;
}

/**
 * Rendered pages, each stored under the ETags of the API answers it was made from: when catalog-read
 * revalidates every part (304), the page is sent again without rendering. The page's own ETag is made
 * from the same parts, so a browser holding it gets a 304 without a body.
 */
export class PageCache {
  readonly #pages: LRUCache<string, RenderedPage> | undefined;

  /** `revision` changes with anything that changes pages besides the data (assets, settings). */
  constructor(
    maxBytes: number,
    private readonly revision: string,
    private readonly metrics: WebMetrics,
  ) {
    this.#pages =
      maxBytes > 0
        ? new LRUCache({ maxSize: maxBytes, sizeCalculation: (page, key) => page.body.length + key.length })
        : undefined;
  }

  /** The page's weak ETag (compression changes its bytes), or undefined when a part has none. */
  etagOf(key: string, parts: readonly (string | undefined)[]): string | undefined {
    if (parts.some((part) => part === undefined)) return undefined;
    const digest = createHash('sha1')
      .update(`${this.revision}\n${key}\n${parts.join('\n')}`)
      .digest('base64url');
    return `W/"${digest}"`;
  }

  /** The page stored under this ETag, or a fresh rendering (stored when it has an ETag). */
  body(key: string, etag: string | undefined, render: () => string): string {
    const stored = etag === undefined ? undefined : this.#pages?.get(key);
    if (stored && stored.etag === etag) {
      this.metrics.pageCache.inc({ result: 'hit' });
      return stored.body;
    }
    this.metrics.pageCache.inc({ result: 'miss' });
    const body = render();
    if (etag !== undefined) this.#pages?.set(key, { etag, body });
    return body;
  }
}

/** RFC 9110 weak comparison of an If-None-Match list with an ETag. */
export function ifNoneMatchHolds(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}
