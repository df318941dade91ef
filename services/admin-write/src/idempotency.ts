import { createHash } from 'node:crypto';
import { claimIdempotencyKey, type DatabaseHandle, releaseIdempotencyKey } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminMetrics } from './metrics.js';
import type { WriteContext, WriteResponse } from './writes.js';

const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/**
 * POST with `Idempotency-Key`: the first request runs and its response is stored with the write;
 * a repeat within 24 h replays it; the same key with a different request is 422; a repeat while the
 * first is still running is 409. Keys are scoped to the token's owner.
 */
export async function withIdempotency(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { handle: DatabaseHandle; metrics: AdminMetrics },
  run: (context: WriteContext) => Promise<WriteResponse>,
): Promise<FastifyReply> {
  const base = { actor: request.actor, requestId: request.id };
  const header = request.headers['idempotency-key'];
  if (header === undefined) return sendWriteResponse(reply, await run(base));
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new HttpProblem(400, 'Idempotency-Key must be 1..255 visible ASCII characters.', {
      errors: [{ name: 'Idempotency-Key', detail: 'must be 1..255 visible ASCII characters' }],
    });
  }
  const scope = request.actor;
  const hash = createHash('sha256')
    .update(
      JSON.stringify([request.method, request.url, request.headers['content-type'] ?? '', request.body]),
    )
    .digest('hex');
  const claim = await claimIdempotencyKey(deps.handle.db, scope, header, hash);
  if (claim.state !== 'claimed' && !claim.sameRequest) {
    throw new HttpProblem(422, 'This Idempotency-Key was used for a different request.');
  }
  if (claim.state === 'running') {
    throw new HttpProblem(409, 'A request with this Idempotency-Key is still running; retry shortly.', {
      headers: { 'retry-after': '1' },
    });
  }
  if (claim.state === 'done') {
    deps.metrics.idempotentReplays.inc();
    reply.code(claim.response.status).headers({ ...claim.response.headers, 'idempotent-replayed': 'true' });
    return claim.response.body
      ? reply.type('application/json; charset=utf-8').send(claim.response.body)
      : reply.send();
  }
  try {
    return sendWriteResponse(reply, await run({ ...base, idempotency: { scope, key: header } }));
  } catch (error) {
    // Nothing was written (the write rolled back), so the key is free for a retry.
    await releaseIdempotencyKey(deps.handle.db, scope, header).catch(() => undefined);
    throw error;
  }
}

export function sendWriteResponse(reply: FastifyReply, response: WriteResponse): FastifyReply {
  reply.code(response.status).headers(response.headers);
  return response.body === undefined ? reply.send() : reply.send(response.body);
}
