import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LatencySummary } from './autocannon.js';
import { assertLoopback, cpuSeconds } from './processes.js';
import { latencySummaryMs, microsecondHistogram, round } from './stats.js';

export interface OpenLoopOptions {
  readonly title: string;
  readonly url: string;
  /** Requests per second, spread evenly (one every 1/rate s), whatever the server's answers do. */
  readonly rate: number;
  readonly durationS: number;
  /** Keep-alive sockets at most; requests wait for a free one (and that wait counts as latency). */
  readonly connections: number;
  readonly expectStatus: number;
  readonly serverPid?: number;
  readonly signal?: AbortSignal;
}

export interface OpenLoopResult {
  readonly title: string;
  readonly rate: number;
  readonly durationS: number;
  readonly sent: number;
  readonly completed: number;
  readonly reqPerSec: number;
  /** From each request's scheduled send time to its last byte (free of coordinated omission). */
  readonly latencyMs: LatencySummary;
  /**
   * How late this generator itself sent requests (dispatch time − scheduled time), p99 and max: when large,
   * the generator was starved of CPU and the latencies above include that delay.
   */
  readonly sendLagMs: { readonly p99: number; readonly max: number };
  readonly errors: number;
  readonly unexpectedStatus: number;
  readonly serverCpuPct?: number;
}

/**
 * An open-loop load at an even rate. autocannon's `overallRate` lets each connection send its per-second
 * quota back to back at the start of every second and then idle, so its latencies are those of short
 * full-speed bursts; this generator spaces requests evenly instead, the way independent clients arrive.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  assertLoopback(options.url);
  options.signal?.throwIfAborted();
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const histogram = microsecondHistogram();
  const lag = microsecondHistogram();
  const total = Math.max(1, Math.round(options.rate * options.durationS));
  const intervalNs = 1e9 / options.rate;
  let sent = 0;
  let completed = 0;
  let errors = 0;
  let unexpected = 0;
  let inFlight = 0;

  const serverCpuBefore = options.serverPid ? cpuSeconds(options.serverPid) : undefined;
  const start = process.hrtime.bigint();
  const fire = (scheduledNs: bigint) => {
    inFlight++;
    lag.record(Math.max(1, Math.round(Number(process.hrtime.bigint() - scheduledNs) / 1000)));
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      inFlight--;
      return true;
    };
    const req = request(options.url, { agent, timeout: 10_000 }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        if (!settle()) return;
        const us = Number(process.hrtime.bigint() - scheduledNs) / 1000;
        histogram.record(Math.max(1, Math.round(us)));
        completed++;
        if (res.statusCode !== options.expectStatus) unexpected++;
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      if (settle()) errors++;
    });
    req.end();
  };

  try {
    while (sent < total && !options.signal?.aborted) {
      const now = process.hrtime.bigint();
      const due = Math.min(total, Math.floor(Number(now - start) / intervalNs) + 1);
      while (sent < due) {
        fire(start + BigInt(Math.round(sent * intervalNs)));
        sent++;
      }
      await sleep(1);
    }
    const drainDeadline = Date.now() + 15_000;
    while (inFlight > 0 && Date.now() < drainDeadline && !options.signal?.aborted) await sleep(5);
  } finally {
    agent.destroy();
  }
  options.signal?.throwIfAborted();

  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  const serverCpuAfter = options.serverPid ? cpuSeconds(options.serverPid) : undefined;
  const ms = (us: number) => round(us / 1000, 3);
  return {
    title: options.title,
    rate: options.rate,
    durationS: round(wallS, 2),
    sent,
    completed,
    reqPerSec: round(completed / wallS, 1),
    latencyMs: latencySummaryMs(histogram),
    // Failed, timed out, or still unanswered when the drain deadline passed.
    sendLagMs: { p99: ms(lag.percentile(99)), max: ms(lag.max) },
    errors: Math.max(errors, sent - completed),
    unexpectedStatus: unexpected,
    ...(serverCpuBefore !== undefined && serverCpuAfter !== undefined
      ? { serverCpuPct: round(((serverCpuAfter - serverCpuBefore) / wallS) * 100, 0) }
      : {}),
  };
}
