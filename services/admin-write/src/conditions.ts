import type { ProductRecord } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';
import { productEtag } from './product-json.js';

/**
 * `If-Match` against the product's current ETag (its version). No header: last write wins.
 * A stale header is 412 with the current ETag, so the client can re-read and retry.
 */
export function checkIfMatch(header: string | undefined, current: ProductRecord): void {
  if (header === undefined) return;
  const etag = productEtag(current);
  const matches = header.trim() === '*' || header.split(',').some((candidate) => candidate.trim() === etag);
  if (!matches) {
    throw new HttpProblem(
      412,
      `The product has changed (now version ${current.version}); re-read it and retry.`,
      {
        headers: { etag },
      },
    );
  }
}

export function notFound(id: number): HttpProblem {
  return new HttpProblem(404, `no product ${id}`);
}
