import { createHash, timingSafeEqual } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { type ServiceInstance, sendProblem } from '@mystore/service-kernel';
import type { FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';

export interface AdminToken {
  /** Who the token belongs to: written to the audit trail and logs instead of the token. */
  readonly name: string;
  readonly digest: Buffer;
}

const MIN_TOKEN_LENGTH = 16;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `name:token,token2` → tokens; an unnamed token is known by a fingerprint of its digest. */
export function parseAdminTokens(value: string): AdminToken[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('must hold at least one token');
  return entries.map((entry) => {
    const named = /^([a-z0-9_-]{1,32}):(.+)$/i.exec(entry);
    const token = named ? named[2]! : entry;
    if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
      throw new Error(`tokens must be at least ${MIN_TOKEN_LENGTH} characters without spaces`);
    }
    const tokenDigest = digest(token);
    return {
      name: named ? named[1]! : `token-${tokenDigest.toString('hex').slice(0, 8)}`,
      digest: tokenDigest,
    };
  });
}

/**
 * The token a request carries, if valid. Digests make every comparison the same length, and every
 * configured token is compared, so timing tells nothing about which part matched.
 */
export function authenticate(
  header: string | undefined,
  tokens: readonly AdminToken[],
): AdminToken | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  const presented = digest(match?.[1] ?? '');
  let found: AdminToken | undefined;
  for (const token of tokens) {
    if (timingSafeEqual(presented, token.digest) && match) found = token;
  }
  return found;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Name of the admin token that authenticated this request. */
    actor: string;
  }
}

/**
 * Bearer authentication on every route of the scope. Failed attempts are logged (never the token),
 * counted, and rate limited per client address (TRUST_PROXY decides what that address is); requests
 * with a valid token are never limited.
 */
export async function registerAuth(
  app: ServiceInstance,
  options: { tokens: readonly AdminToken[]; failuresPerMinute: number; failures: Counter },
): Promise<void> {
  app.decorateRequest('actor', '');
  // Only failures are counted: the limiter is consulted after a token was refused.
  await app.register(rateLimit, { global: false });
  const countFailure = app.createRateLimit({
    max: options.failuresPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => request.ip,
  });
  app.addHook('onRequest', async (request, reply) => {
    const token = authenticate(request.headers.authorization, options.tokens);
    if (token) {
      request.actor = token.name;
      return;
    }
    options.failures.inc();
    request.log.warn(
      { reason: request.headers.authorization ? 'invalid token' : 'no bearer token', client: request.ip },
      'admin authentication failed',
    );
    const limit = await countFailure(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(limit.ttlInSeconds));
      return sendProblem(reply, 429, `Too many failed authentications; retry in ${limit.ttlInSeconds} s.`);
    }
    reply.header('www-authenticate', 'Bearer realm="mystore-admin"');
    return sendProblem(reply, 401, 'A valid bearer token is required.');
  });
}
