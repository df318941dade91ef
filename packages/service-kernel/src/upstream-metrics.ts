import { METRICS, REQUEST_DURATION_BUCKETS, UPSTREAM_ERROR_REASONS } from '@mystore/service-contract';
import { Counter, Histogram, type Registry } from 'prom-client';

export type UpstreamErrorReason = (typeof UPSTREAM_ERROR_REASONS)[number];

/** What a call returns: a fetch `Response` (`status`) or an undici `request` result (`statusCode`). */
export type UpstreamAnswer = { readonly status: number } | { readonly statusCode: number };

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

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
 * `mystore_upstream_request_duration_seconds{upstream,method,status_code}` and
 * `mystore_upstream_errors_total{upstream,reason}`: the web apps' calls to the APIs. `upstreams` names
 * every API a service calls (e.g. `['catalog-read']`), so labels stay a fixed set and every error
 * series exists, at 0, from the start.
 */
export function createUpstreamMetrics(registry: Registry, upstreams: readonly string[]) {
  const known = new Set(upstreams);
  const duration = new Histogram({
    name: METRICS.upstreamRequestDuration,
    help: 'Duration of calls to upstream APIs; status_code is "error" when no answer came.',
    labelNames: ['upstream', 'method', 'status_code'],
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
  const labelsOf = (upstream: string, method: string) => {
    if (!known.has(upstream))
      throw new Error(`unknown upstream "${upstream}": declare it in createUpstreamMetrics`);
    const upper = method.toUpperCase();
    return { upstream, method: METHODS.has(upper) ? upper : 'OTHER' };
  };

  return {
    /** Records one finished call: `outcome` is its status code, or the error that stopped it. */
    observe(upstream: string, method: string, outcome: unknown, seconds: number): void {
      const labels = labelsOf(upstream, method);
      if (typeof outcome === 'number') {
        duration.observe({ ...labels, status_code: String(outcome) }, seconds);
        if (outcome >= 500) errors.inc({ upstream, reason: 'server_error' });
      } else {
        duration.observe({ ...labels, status_code: 'error' }, seconds);
        errors.inc({ upstream, reason: upstreamErrorReason(outcome) });
      }
    },
    /** Runs one call (fetch or undici) and records it until its headers came; answer or error pass through. */
    async track<Answer extends UpstreamAnswer>(
      upstream: string,
      method: string,
      call: () => Promise<Answer>,
    ): Promise<Answer> {
      labelsOf(upstream, method);
      const started = performance.now();
      try {
        const answer = await call();
        const status = 'status' in answer ? answer.status : answer.statusCode;
        this.observe(upstream, method, status, (performance.now() - started) / 1000);
        return answer;
      } catch (error) {
        this.observe(upstream, method, error, (performance.now() - started) / 1000);
        throw error;
      }
    },
  };
}

export type UpstreamMetrics = ReturnType<typeof createUpstreamMetrics>;
