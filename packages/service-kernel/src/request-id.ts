import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** An incoming `x-request-id` is kept only if it matches: short, and nothing that needs escaping. */
export const PLAIN_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Fastify's `genReqId`: the id the ingress or a calling service sent, if it is plain, or a new UUID. */
export function requestIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && PLAIN_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
