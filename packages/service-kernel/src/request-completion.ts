import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** What is done once per finished request, with its duration in milliseconds. */
export type CompletionObserver = (request: FastifyRequest, reply: FastifyReply, elapsedMs: number) => void;

/**
 * Fastify's log controller, turned into the one place a finished request is observed (its request line
 * and its duration metric). Fastify calls `requestCompleted` from its own 'finish' listener on every
 * response it sent, so this needs no onResponse hook, whose runner was a noticeable share of a cache
 * hit's work. Fastify's own per-request lines ('incoming request', 'request completed') stay off: the
 * kernel writes one line per request instead.
 */
export class RequestCompletion extends LogController {
  readonly #observe: CompletionObserver;

  constructor(observe: CompletionObserver) {
    super({ disableRequestLogging: true });
    this.#observe = observe;
  }

  override requestCompleted(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    this.#observe(request, reply, reply.elapsedTime);
  }
}
