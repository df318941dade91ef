import autocannon from 'autocannon';
import { assertLoopback, startCpuMeter } from './processes.js';
import { latencySummaryMs, microsecondHistogram, round } from './stats.js';

/** No 2-core machine gets near this many requests per second through autocannon: a hard count bound. */
const MAX_REQUESTS_PER_SECOND = 100_000;

export interface LoadOptions {
  readonly title: string;
  /** http://127.0.0.1:<port>/… (anything else is refused). */
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Requests per second over all connections (autocannon's `overallRate`); unlimited when unset. */
  readonly overallRate?: number;
  /** The status every response must have; others are counted as unexpected. */
  readonly expectStatus: number;
  /** The server's pid, to report how busy it was. */
  readonly serverPid?: number;
  /** A process the server calls for every request, to report its CPU too. */
  readonly upstreamPid?: number;
  readonly signal?: AbortSignal;
}

export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

export interface LoadResult {
  readonly title: string;
  readonly connections: number;
  readonly overallRate?: number;
  readonly durationS: number;
  /** Completed responses of any status. */
  readonly requests: number;
  readonly reqPerSec: number;
  /** Milliseconds, from autocannon's per-response times recorded at microsecond resolution. */
  readonly latencyMs: LatencySummary;
  /** autocannon's own p99 (whole milliseconds; coordinated-omission corrected when rate-limited). */
  readonly autocannonP99Ms: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Responses whose status was not `expectStatus`. */
  readonly unexpectedStatus: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  /** CPU used by the server process during the run, in % of one core. */
  readonly serverCpuPct?: number;
  /** CPU used by the upstream process (`upstreamPid`) during the run, in % of one core. */
  readonly upstreamCpuPct?: number;
  /** CPU used by this process (the load generator) during the run, in % of one core. */
  readonly loadGenCpuPct: number;
  /** CPU used by everything on the machine during the run, in % of one core (2 cores: up to 200%). */
  readonly machineCpuPct?: number;
}

/**
 * One bounded autocannon run (duration and a request-count cap) against loopback. autocannon's own
 * latency histogram truncates to whole milliseconds, which hides everything that matters for a cached
 * response (a 0.4 ms median reads as "0 ms"), so per-response times are also recorded here in µs.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  assertLoopback(options.url);
  options.signal?.throwIfAborted();
  const histogram = microsecondHistogram();
  const statusCounts: Record<string, number> = {};
  let unexpected = 0;

  const stopCpuMeter = startCpuMeter(options.serverPid, options.upstreamPid);

  const instance = autocannon({
    title: options.title,
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    maxOverallRequests: Math.max(options.connections, options.durationS * MAX_REQUESTS_PER_SECOND),
    headers: { ...options.headers },
    timeout: 10,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    histogram.record(Math.max(1, Math.round(responseTime * 1000)));
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    if (statusCode !== options.expectStatus) unexpected++;
  });
  const abort = () => instance.stop();
  options.signal?.addEventListener('abort', abort, { once: true });
  let result: Awaited<typeof instance>;
  try {
    result = await instance;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  options.signal?.throwIfAborted();

  const { wallS, ...cpu } = stopCpuMeter();
  const durationS = result.duration > 0 ? result.duration : wallS;
  return {
    title: options.title,
    connections: options.connections,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    durationS: round(durationS, 2),
    requests: result.requests.total,
    reqPerSec: round(result.requests.total / durationS, 1),
    latencyMs: latencySummaryMs(histogram),
    autocannonP99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    unexpectedStatus: unexpected,
    statusCounts,
    ...cpu,
  };
}

/** Whether a run is trustworthy: no connection errors, no timeouts, only the expected status. */
export function runProblems(result: LoadResult): string[] {
  const problems: string[] = [];
  if (result.errors > 0) problems.push(`${result.errors} connection errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result.unexpectedStatus > 0) {
    problems.push(`${result.unexpectedStatus} unexpected statuses (${JSON.stringify(result.statusCounts)})`);
  }
  if (result.requests === 0) problems.push('no responses');
  return problems;
}

/** One line for the progress log: req/s, p50, p99, the server's CPU and any problem. */
export function describeRun(result: LoadResult): string {
  const problems = runProblems(result);
  return (
    `${result.reqPerSec.toFixed(0)} req/s, p50 ${result.latencyMs.p50.toFixed(3)} ms, ` +
    `p99 ${result.latencyMs.p99.toFixed(3)} ms, server CPU ${result.serverCpuPct ?? '?'}%` +
    (problems.length > 0 ? ` — ${problems.join('; ')}` : '')
  );
}
