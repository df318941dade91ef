import { METRICS, REQUEST_DURATION_BUCKETS, UPSTREAM_ERROR_REASONS } from '@mystore/service-contract';
import { Counter, Histogram, type Registry } from 'prom-client';

export type UpstreamErrorReason = (typeof UPSTREAM_ERROR_REASONS)[number];

/** What a call returns: a fetch `Response` (`status`) or an undici `request` result (`statusCode`). */
export type UpstreamAnswer = { readonly status: number } | { readonly statusCode: number };

/** One finished call to an upstream API. */
export interface UpstreamCall {
  /** A declared upstream, e.g. `catalog-read`. */
  readonly upstream: string;
  /** What the call was for, a fixed name such as `products` or `create`: never a URL or an id. */
  readonly operation: string;
  /** Its status code, or a fixed word of the caller's (`not_modified`, `timeout`, `error`, …). */
  readonly outcome: number | string;
  readonly seconds: number;
  /** Why it failed, if it did; a status of 500 or more counts as `server_error` without it. */
  readonly failure?: UpstreamErrorReason;
}

/** Labels are names, never data: a URL, an id or a message would make a new series per request. */
const LABEL_WORD = /^[a-z0-9][a-z0-9_.-]{0,39}$/i;

/** Error codes of a call that never reached a server, or lost it (Node's net layer and undici's). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Why a call threw, from a fixed set: fetch wraps the network error in `cause`. */
export function upstreamErrorReason(error: unknown): UpstreamErrorReason {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const { name, code, cause } = current as { name?: string; code?: string; cause?: unknown };
    // AbortSignal.timeout() rejects with a TimeoutError DOMException.
    if (name === 'TimeoutError' || (code && TIMEOUT_CODES.has(code))) return 'timeout';
    if (code && CONNECTION_CODES.has(code)) return 'connection';
    current = cause;
  }
  return 'other';
}

/**
 * `mystore_upstream_request_duration_seconds{upstream,operation,outcome}` and
 * `mystore_upstream_errors_total{upstream,reason}`: the web apps' calls to the APIs. `upstreams` names
 * every API a service calls (e.g. `['catalog-read']`), so every error series exists, at 0, from the start.
 */
export function createUpstreamMetrics(registry: Registry, upstreams: readonly string[]) {
  const known = new Set(upstreams);
  const duration = new Histogram({
    name: METRICS.upstreamRequestDuration,
    help: 'Duration of calls to upstream APIs, by operation and outcome (status code or failure).',
    labelNames: ['upstream', 'operation', 'outcome'],
    buckets: [...REQUEST_DURATION_BUCKETS],
    registers: [registry],
  });
  const errors = new Counter({
    name: METRICS.upstreamErrors,
    help: 'Calls to upstream APIs that failed: no answer (timeout, connection) or a 5xx answer.',
    labelNames: ['upstream', 'reason'],
    registers: [registry],
  });
  for (const upstream of upstreams) {
    for (const reason of UPSTREAM_ERROR_REASONS) errors.inc({ upstream, reason }, 0);
  }
  const checked = (upstream: string, operation: string) => {
    if (!known.has(upstream))
      throw new Error(`unknown upstream "${upstream}": declare it in createUpstreamMetrics`);
    if (!LABEL_WORD.test(operation)) throw new Error(`operation "${operation}" is not a fixed name`);
  };

  const metrics = {
    /** Records one finished call. */
    observe(call: UpstreamCall): void {
      checked(call.upstream, call.operation);
      const outcome = String(call.outcome);
      if (!LABEL_WORD.test(outcome)) throw new Error(`outcome "${outcome}" is not a status or a fixed word`);
      duration.observe({ upstream: call.upstream, operation: call.operation, outcome }, call.seconds);
      const failure =
        call.failure ??
        (typeof call.outcome === 'number' && call.outcome >= 500 ? 'server_error' : undefined);
      if (failure) errors.inc({ upstream: call.upstream, reason: failure });
    },
    /**
     * Runs one call (fetch or undici `request`) and records it until its answer's headers: the outcome
     * is the status code, or `error` with the reason it threw. The answer or the error passes through.
     */
    async track<Answer extends UpstreamAnswer>(
      upstream: string,
      operation: string,
      call: () => Promise<Answer>,
    ): Promise<Answer> {
      checked(upstream, operation);
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const answer = await call();
        const outcome = 'status' in answer ? answer.status : answer.statusCode;
        metrics.observe({ upstream, operation, outcome, seconds: seconds() });
        return answer;
      } catch (error) {
        metrics.observe({
          upstream,
          operation,
          outcome: 'error',
          seconds: seconds(),
          failure: upstreamErrorReason(error),
        });
        throw error;
      }
    },
  };
  return metrics;
}

export type UpstreamMetrics = ReturnType<typeof createUpstreamMetrics>;
