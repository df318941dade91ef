import type { ProductRecord } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';
import { productEtag } from './product-json.js';

/** An `If-Match` header read: `*`, the entity tags it lists, or no header. */
export type IfMatch = '*' | readonly string[] | undefined;

/** RFC 9110 entity-tag: optionally weak, then quoted visible characters other than `"`. */
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7E\x80-\xFF]*"$/;

const MALFORMED_DETAIL =
  'must be a quoted ETag such as "3" (as the ETag header gives it), a list of them, or *';

/**
 * The `If-Match` header, checked for its syntax before anything is read: an unquoted `3` or a stray
 * quote is a 400 that says how to write it, not a 412 claiming the product changed.
 */
export function readIfMatch(header: string | undefined): IfMatch {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const tags = header
    .split(',')
    .map((candidate) => candidate.trim())
    .filter(Boolean);
  if (tags.length === 0 || !tags.every((tag) => ENTITY_TAG.test(tag))) {
    throw new HttpProblem(400, `If-Match ${MALFORMED_DETAIL}.`, {
      errors: [{ name: 'If-Match', detail: MALFORMED_DETAIL }],
    });
  }
  return tags;
}

/**
 * `If-Match` against the product's current ETag (its version), compared strongly (a weak tag never
 * matches). No header: last write wins. A stale header is 412 with the current ETag, so the client can
 * re-read and retry.
 */
export function checkIfMatch(ifMatch: IfMatch, current: ProductRecord): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  const etag = productEtag(current);
  if (!ifMatch.includes(etag)) {
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
