import { randomUUID } from 'node:crypto';
import type { RawRequestDefaultExpression } from 'fastify';

/** An incoming `x-request-id` is kept only if it matches: short, and nothing that needs escaping. */
export const PLAIN_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Fastify's `genReqId`: the id the ingress or a calling service sent, if it is plain, or a new UUID.
 * Either way the id needs no escaping in JSON or in a header, which the request line relies on.
 */
export function requestIdOf(request: RawRequestDefaultExpression): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && PLAIN_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
