import autocannon from 'autocannon';
import type { LoadResult } from './autocannon.js';
import { assertLoopback, startCpuMeter } from './processes.js';
import { latencySummaryMs, microsecondHistogram, round } from './stats.js';

// autocannon's per-request options, which bench/types/autocannon.d.ts does not declare (it only needs GETs).
declare module 'autocannon' {
  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }
  interface Request extends RequestParams {
    /** Called before every request of this entry; returns what to send. */
    setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams;
  }
  interface Options {
    requests?: Request[];
    body?: string | Buffer;
  }
}

/** A request of a varying load: any method, path and body, on the load's origin. */
export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/api/…?…` on the origin of `RequestLoadOptions.url`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RequestLoadOptions {
  readonly title: string;
  /** http://127.0.0.1:<port> (anything else is refused); only its origin is used. */
  readonly url: string;
  readonly connections: number;
  /** Upper bound of the run; `stop()` may end it earlier. */
  readonly durationS: number;
  /**
   * The n-th request of the run (n counts over all connections, from 0): lets a load spread over several
   * paths or bodies (a different product per write, alternating values…).
   */
  readonly request: (n: number) => RequestSpec;
  /** Requests per second over all connections (autocannon's `overallRate`); unlimited when unset. */
  readonly overallRate?: number;
  /** The server's pid, to report how busy it was. */
  readonly serverPid?: number;
  readonly signal?: AbortSignal;
}

export interface RunningRequestLoad {
  /** Settles when the run ends (its duration, `stop()`, or the signal: then it rejects). */
  readonly result: Promise<LoadResult>;
  /** Ends the run now; `result` then resolves with what was measured until here. */
  stop(): void;
}

/** No 2-core machine gets near this many requests per second through autocannon: a hard count bound. */
const MAX_REQUESTS_PER_SECOND = 100_000;

/**
 * Like `runLoad` (lib/autocannon.ts), for loads whose requests vary: each request comes from
 * `options.request(n)` (method, path, headers, body), so writes can spread over rows and alternate
 * values. Every 2xx counts as expected (`unexpectedStatus` counts the rest). Latencies are recorded
 * per response at µs resolution, as in `runLoad`. Can be stopped early, for a load that runs in the
 * background of another measurement.
 */
export function startRequestLoad(options: RequestLoadOptions): RunningRequestLoad {
  assertLoopback(options.url);
  options.signal?.throwIfAborted();
  const origin = new URL(options.url).origin;
  const histogram = microsecondHistogram();
  const statusCounts: Record<string, number> = {};
  let unexpected = 0;
  let completed = 0;
  let n = 0;

  const stopCpuMeter = startCpuMeter(options.serverPid);

  const instance = autocannon({
    title: options.title,
    url: origin,
    connections: options.connections,
    duration: options.durationS,
    maxOverallRequests: Math.max(options.connections, options.durationS * MAX_REQUESTS_PER_SECOND),
    timeout: 10,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const spec = options.request(n++);
          return {
            ...request,
            method: spec.method,
            path: spec.path,
            headers: {
              ...request.headers,
              ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
              ...spec.headers,
            },
            body: spec.body ?? Buffer.alloc(0),
          };
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    histogram.record(Math.max(1, Math.round(responseTime * 1000)));
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    completed++;
    if (statusCode < 200 || statusCode > 299) unexpected++;
  });
  const abort = () => instance.stop();
  options.signal?.addEventListener('abort', abort, { once: true });

  const result = (async (): Promise<LoadResult> => {
    let outcome: Awaited<typeof instance>;
    try {
      outcome = await instance;
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    options.signal?.throwIfAborted();
    const { wallS, ...cpu } = stopCpuMeter();
    return {
      title: options.title,
      connections: options.connections,
      ...(options.overallRate ? { overallRate: options.overallRate } : {}),
      // Wall time: a run stopped early has a shorter duration than the one requested.
      durationS: round(wallS, 2),
      requests: completed,
      reqPerSec: round(completed / wallS, 1),
      latencyMs: latencySummaryMs(histogram),
      autocannonP99Ms: outcome.latency.p99,
      errors: outcome.errors,
      timeouts: outcome.timeouts,
      unexpectedStatus: unexpected,
      statusCounts,
      ...cpu,
    };
  })();
  return { result, stop: () => instance.stop() };
}

/** One bounded run of `startRequestLoad` to its end. */
export function runRequestLoad(options: RequestLoadOptions): Promise<LoadResult> {
  return startRequestLoad(options).result;
}
