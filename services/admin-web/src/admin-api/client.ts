import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FieldError } from '@mystore/catalog-rules';
import { type UpstreamErrorReason, upstreamErrorReason } from '@mystore/service-kernel';
import { type Dispatcher, Pool } from 'undici';
import type { AdminWebMetrics } from '../metrics.js';

/** What admin-write answers with a 4xx: its problem details (RFC 9457). */
export interface ApiProblem {
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Seconds, from Retry-After (a request with the same Idempotency-Key is still running). */
  readonly retryAfter?: number;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly value: T; readonly etag?: string }
  | { readonly ok: false; readonly status: number; readonly problem: ApiProblem };

/**
 * admin-write cannot serve the console now: unreachable, too slow, failing (5xx), or refusing our
 * token (a misconfiguration). Pages answer it with a friendly 503. `mayHaveApplied`: a write whose
 * answer was lost (a timeout, a dropped connection) may have been committed; a 5xx answer means
 * admin-write rolled it back.
 */
export class AdminApiUnavailable extends Error {
  override name = 'AdminApiUnavailable';
  constructor(
    readonly operation: string,
    readonly reason: string,
    readonly mayHaveApplied: boolean,
    /** admin-write's status, when it answered. */
    readonly status?: number,
  ) {
    super(`admin-write ${operation}: ${reason}`);
  }
}

export interface Call {
  readonly json?: unknown;
  /** A raw body with its content type (CSV). */
  readonly raw?: { readonly body: Buffer | string; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the client's deadline (imports take longer). */
  readonly timeoutMs?: number;
}

const READ_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 150;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AdminApiClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly metrics: AdminWebMetrics;
}

/**
 * HTTP to admin-write through one undici pool. Every call has a deadline for the whole exchange
 * (connect, headers and body), so a stalled admin-write can never hold a page open. The token is
 * added here and nowhere else.
 */
export class AdminApiClient {
  readonly #pool: Pool;
  readonly #authorization: string;

  constructor(private readonly options: AdminApiClientOptions) {
    this.#pool = new Pool(new URL(options.baseUrl).origin, {
      connections: 16,
      connectTimeout: Math.min(options.timeoutMs, 2000),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    this.#authorization = `Bearer ${options.token}`;
  }

  /**
   * One JSON call. 2xx → value; 4xx (but 401/403) → the problem; anything else throws
   * AdminApiUnavailable. A read refused with 503 (admin-write shedding load, or its database away for a
   * moment) is tried again while the deadline allows; a write is not (the owner decides).
   */
  async call<T>(operation: string, method: Method, path: string, call: Call = {}): Promise<ApiResult<T>> {
    const deadline = AbortSignal.timeout(call.timeoutMs ?? this.options.timeoutMs);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#callOnce<T>(operation, method, path, call, deadline);
      } catch (error) {
        const retry =
          method === 'GET' &&
          attempt < READ_ATTEMPTS &&
          error instanceof AdminApiUnavailable &&
          error.status === 503;
        if (!retry || deadline.aborted) throw error;
        await sleep(RETRY_PAUSE_MS * attempt);
      }
    }
  }

  async #callOnce<T>(
    operation: string,
    method: Method,
    path: string,
    call: Call,
    signal: AbortSignal,
  ): Promise<ApiResult<T>> {
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs;
    const response = await this.#send(operation, method, path, call, {
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const { data, started } = response;
    let text: string;
    try {
      text = await data.body.text();
    } catch (error) {
      this.#observe(operation, 'error', started, upstreamErrorReason(error));
      throw new AdminApiUnavailable(operation, describe(error), method !== 'GET');
    }
    const status = data.statusCode;
    this.#observe(operation, String(status), started);
    if (
      status === 401 ||
      status === 403 ||
      status >= 500 ||
      status < 200 ||
      (status >= 300 && status < 400)
    ) {
      throw new AdminApiUnavailable(operation, `answered ${status}`, false, status);
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new AdminApiUnavailable(operation, `answered ${status} with a body that is not JSON`, false);
    }
    if (status < 300) {
      const etag = data.headers.etag;
      return { ok: true, status, value: body as T, ...(typeof etag === 'string' ? { etag } : {}) };
    }
    const retryAfter = Number(data.headers['retry-after']);
    return {
      ok: false,
      status,
      problem: { ...(body as Partial<ApiProblem>), status, ...(retryAfter >= 0 ? { retryAfter } : {}) },
    };
  }

  /**
   * A streamed GET (the CSV export): the body is handed on as it arrives. The deadline covers the
   * headers; after that, only a pause longer than the deadline between two chunks ends it.
   */
  async stream(operation: string, path: string): Promise<{ status: number; body: Readable }> {
    const { data, started } = await this.#send(
      operation,
      'GET',
      path,
      {},
      {
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      },
    );
    this.#observe(operation, String(data.statusCode), started);
    if (data.statusCode !== 200) {
      data.body.resume();
      throw new AdminApiUnavailable(operation, `answered ${data.statusCode}`, false);
    }
    return { status: data.statusCode, body: data.body };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #send(
    operation: string,
    method: Method,
    path: string,
    call: Call,
    limits: Pick<Dispatcher.RequestOptions, 'signal' | 'headersTimeout' | 'bodyTimeout'>,
  ): Promise<{ data: Dispatcher.ResponseData; started: number }> {
    const started = performance.now();
    const headers: Record<string, string> = {
      authorization: this.#authorization,
      accept: 'application/json',
      ...call.headers,
    };
    let body: string | Buffer | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.raw) {
      headers['content-type'] = call.raw.contentType;
      body = call.raw.body;
    }
    try {
      const data = await this.#pool.request({ path, method, headers, body, ...limits });
      return { data, started };
    } catch (error) {
      this.#observe(operation, 'error', started, upstreamErrorReason(error));
      throw new AdminApiUnavailable(operation, describe(error), method !== 'GET');
    }
  }

  #observe(operation: string, outcome: string, started: number, failure?: UpstreamErrorReason): void {
    this.options.metrics.adminApiDuration.observe(
      { operation, outcome },
      (performance.now() - started) / 1000,
      failure,
    );
  }
}

/** A short reason for logs: the error's code or name, never a header. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} (${code})` : error.name;
  }
  return 'unknown error';
}
