import { Agent } from 'node:http';
import { sendRaw } from './http.js';
import { latencySummaryMs, microsecondHistogram } from './stats.js';

export interface MetricsTiming {
  readonly requests: number;
  /** Size of the exposition (the last response's body). */
  readonly bytes: number;
  readonly latencyMs: ReturnType<typeof latencySummaryMs>;
}

/**
 * `count` sequential GETs of a `/metrics` URL on one keep-alive connection, each timed from send to the
 * last body byte: what rendering the exposition costs a scrape (loopback round trip included).
 */
export async function timeMetricsScrapes(url: string, count: number): Promise<MetricsTiming> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const histogram = microsecondHistogram();
  let bytes = 0;
  try {
    for (let i = 0; i < count; i++) {
      const startedAt = process.hrtime.bigint();
      const response = await sendRaw(url, { agent });
      const us = Number(process.hrtime.bigint() - startedAt) / 1000;
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
      histogram.record(Math.max(1, Math.round(us)));
      bytes = response.body.length;
    }
  } finally {
    agent.destroy();
  }
  return { requests: count, bytes, latencyMs: latencySummaryMs(histogram) };
}
