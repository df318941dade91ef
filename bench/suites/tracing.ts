/**
 * What tracing costs catalog-read's cache hit (issue 20), against a bare-Fastify baseline:
 *   (a)    bare Fastify replaying catalog-read's cached response byte for byte
 *   (t0)   catalog-read, tracing off (no OTEL_* variable: the SDK is not even loaded)
 *   (t10)  catalog-read, the SDK on, parent-based ratio sampling at 10%
 *   (t100) catalog-read, the SDK on, every trace sampled
 * in alternating rounds, the traced processes exporting to an OTLP/HTTP receiver in this process; then
 * the time each catalog-read takes to answer a scrape of /metrics.
 */

import { startOtlpReceiver } from '@mystore/test-kit';
import type { LoadResult } from '../lib/autocannon.js';
import { startIdenticalBareServer } from '../lib/bare.js';
import { captureList, LIST_REQUEST, LIST_ROUTE } from '../lib/catalog-list.js';
import { catalogReadEnv } from '../lib/database.js';
import { type MetricsTiming, timeMetricsScrapes } from '../lib/metrics-timing.js';
import { preflight } from '../lib/preflight.js';
import type { Teardown } from '../lib/processes.js';
import { benchSettings, type Check, ratioCheck, type SuiteReport } from '../lib/report.js';
import { type LoadScenario, runRounds, summarizeRounds, warmUp } from '../lib/rounds.js';
import {
  describeMode,
  RUNTIME_FLAGS,
  type RunningService,
  startServiceWithFallback,
} from '../lib/services.js';
import { pairedRatio, round } from '../lib/stats.js';
import { measureWithTeardown, type Suite, type SuiteContext } from '../lib/suite.js';

const TARGETS = { t10OverA: 0.7, metricsMedianMs: 5 } as const;
/** Sequential scrapes of /metrics per catalog-read after the load. */
const METRICS_SCRAPES = 200;
/** The sampled share of traces starting at catalog-read, per traced scenario. */
const SAMPLED = { t10: 0.1, t100: 1 } as const;
/** (t10) beside (a) in every round: the ratio with the target pairs runs that are next to each other. */
const ROUND_ORDER = ['t100', 't0', 'a', 't10'] as const;

type Id = 'a' | 't0' | 't10' | 't100';

type Scenario = LoadScenario<Id>;

export const tracingSuite: Suite = {
  name: 'tracing',
  description:
    'catalog-read cache hit with tracing off, at 10% and at 100% sampling vs bare Fastify; /metrics time',
  run: (context) => measureWithTeardown(context, 'stopping services, the OTLP receiver and MariaDB', measure),
};

async function measure(context: SuiteContext, teardown: Teardown): Promise<SuiteReport> {
  const { config, signal, log } = context;
  const startedAt = new Date();
  const { environment, notes, db } = await preflight(context, teardown);

  // Every span is counted, none kept: a run at 100% sends millions.
  const receiver = await startOtlpReceiver({ keepSpans: false });
  teardown.add('OTLP receiver', () => new Promise<void>((resolve) => receiver.server.close(() => resolve())));
  const tracingEnv = (id: 't10' | 't100'): Record<string, string> => {
    // The SDK's own batching (OTEL_BSP_* defaults), as deployed, not the tests' 100 ms export delay.
    const { OTEL_BSP_SCHEDULE_DELAY: _testDelay, ...exporter } = receiver.exporterEnv(`catalog-read-${id}`);
    return {
      ...exporter,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: String(SAMPLED[id]),
    };
  };

  const services = new Map<Exclude<Id, 'a'>, RunningService>();
  for (const [id, env] of [
    ['t0', {}],
    ['t10', tracingEnv('t10')],
    ['t100', tracingEnv('t100')],
  ] as const) {
    services.set(
      id,
      await startServiceWithFallback({
        name: `catalog-read-${id}`,
        service: 'catalog-read',
        env: { ...catalogReadEnv(db), ...env },
        logDir: config.logDir,
        teardown,
        notes,
        preferSource: context.mode === 'source' || [...services.values()].some((s) => s.mode === 'source'),
      }),
    );
    signal.throwIfAborted();
  }
  const service = (id: Exclude<Id, 'a'>) => services.get(id)!;
  log(`catalog-read running from ${describeMode(service('t0').mode)}: t0, t10 and t100 each its own process`);

  const { capture, items } = await captureList(service('t0').baseUrl);
  for (const id of ['t10', 't100'] as const) {
    // Warms its cache too, as for (t0).
    const traced = await captureList(service(id).baseUrl);
    if (!traced.capture.body.equals(capture.body)) {
      throw new Error(`catalog-read (${id}) answers differently from the untraced one`);
    }
  }
  const bare = await startIdenticalBareServer(capture, LIST_ROUTE, LIST_REQUEST, {
    teardown,
    logDir: config.logDir,
    log,
  });

  const traced = (id: Exclude<Id, 'a'>, what: string): Scenario => ({
    id,
    name: `catalog-read, cache hit, ${what}`,
    request: `GET ${LIST_REQUEST} → catalog-read (${what})`,
    url: `${service(id).baseUrl}${LIST_REQUEST}`,
    headers: {},
    expectStatus: 200,
    serverPid: service(id).process.pid,
  });
  const scenarios: Scenario[] = [
    {
      id: 'a',
      name: 'bare Fastify, identical bytes',
      request: `GET ${LIST_REQUEST} → bare-server.ts (logger off, no plugins; node ${RUNTIME_FLAGS.join(' ')})`,
      url: `${bare.url}${LIST_REQUEST}`,
      headers: {},
      expectStatus: 200,
      serverPid: bare.process.pid,
    },
    traced('t0', 'tracing off'),
    traced('t10', 'SDK on, 10% sampled'),
    traced('t100', 'SDK on, 100% sampled'),
  ];

  // Requests each process answered under load, to compare with the traces it sent.
  const requests = new Map<Id, number>(scenarios.map((s) => [s.id, 0]));
  const rounds = {
    config,
    signal,
    log,
    order: ROUND_ORDER.map((id) => scenarios.find((s) => s.id === id)!),
    onRun: (scenario: Scenario, result: LoadResult) => {
      requests.set(scenario.id, requests.get(scenario.id)! + result.requests);
    },
  };
  await warmUp(rounds);
  const results = await runRounds(rounds);

  const metrics = new Map<Exclude<Id, 'a'>, MetricsTiming>();
  for (const id of ['t0', 't10', 't100'] as const) {
    const timing = await timeMetricsScrapes(service(id).metricsUrl, METRICS_SCRAPES);
    metrics.set(id, timing);
    log(
      `/metrics of catalog-read (${id}): median ${timing.latencyMs.p50.toFixed(3)} ms, ` +
        `p99 ${timing.latencyMs.p99.toFixed(3)} ms (${timing.bytes} bytes)`,
    );
  }
  // SIGTERM flushes the spans still queued (the kernel's shutdown), so the counts below are complete.
  await Promise.all((['t10', 't100'] as const).map((id) => service(id).process.stop()));
  const spans = (id: Id) => receiver.counts.get(`catalog-read-${id}`) ?? { spans: 0, roots: 0 };

  const summaries = summarizeRounds(scenarios, results);
  const perRound = (id: Id) => results.get(id)!.map((run: LoadResult) => run.reqPerSec);
  const paired = (id: Id, base: Id) => pairedRatio(perRound(id), perRound(base));
  const metricsChecks = (['t0', 't10', 't100'] as const).flatMap((id): Check[] => {
    const { p50, p99 } = metrics.get(id)!.latencyMs;
    return [
      {
        name: `/metrics of catalog-read (${id}), median of ${METRICS_SCRAPES} sequential GETs`,
        value: p50,
        display: `${p50.toFixed(2)} ms`,
        target: `≤ ${TARGETS.metricsMedianMs} ms`,
        pass: p50 <= TARGETS.metricsMedianMs,
      },
      { name: `/metrics of catalog-read (${id}), p99`, value: p99, display: `${p99.toFixed(2)} ms` },
    ];
  });
  const checks: Check[] = [
    ratioCheck(
      't10/a req/s (10% sampled vs bare), median of per-round ratios',
      paired('t10', 'a'),
      TARGETS.t10OverA,
    ),
    ratioCheck('t0/a req/s (tracing off vs bare), median of per-round ratios', paired('t0', 'a')),
    ratioCheck('t100/a req/s (100% sampled vs bare), median of per-round ratios', paired('t100', 'a')),
    ratioCheck('t10/t0 req/s (what 10% tracing leaves), median of per-round ratios', paired('t10', 't0')),
    ratioCheck('t100/t0 req/s (what 100% tracing leaves), median of per-round ratios', paired('t100', 't0')),
    ...(['t10', 't100'] as const).map((id): Check => {
      const traces = spans(id).roots;
      return {
        name: `tracing was on in (${id}): traces received (root spans)`,
        value: traces,
        display: String(traces),
        target: '> 0',
        pass: traces > 0,
      };
    }),
    ...metricsChecks,
  ];

  const finishedAt = new Date();
  notes.push(
    `Request: GET ${LIST_REQUEST} (${items} products), ${capture.body.length} body bytes; (a) verified identical ` +
      'to catalog-read in status, body and headers, and the traced processes answer the same body.',
    `catalog-read: NODE_ENV=production, LOG_LEVEL=info, metrics on, from ${describeMode(service('t0').mode)}, ` +
      `three processes. (t10) and (t100): OTEL_TRACES_SAMPLER=parentbased_traceidratio with ARG ${SAMPLED.t10} and ` +
      `${SAMPLED.t100}, OTLP/HTTP JSON (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json) to a receiver in the ` +
      "bench process that counts every span, the SDK's default batching; no traceparent is sent, so every " +
      'trace starts at catalog-read and the ratio decides. The receiver runs beside autocannon (loadgen CPU).',
    '/metrics: sequential GETs on one keep-alive connection to METRICS_PORT after the load, timed from send ' +
      'to the last body byte (the loopback round trip included).',
  );

  return {
    suite: 'tracing',
    title: 'tracing: catalog-read cache hit, tracing off / 10% / 100% vs bare Fastify',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallTimeS: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    environment,
    settings: { ...benchSettings(config), mode: service('t0').mode, bufferPool: db.bufferPool },
    scenarios: summaries,
    checks,
    tables: [
      {
        title: 'Spans received by the OTLP receiver',
        columns: [
          'process',
          'requests answered',
          'traces (root spans)',
          'traces / requests',
          'spans',
          'spans / trace',
        ],
        rows: (['t0', 't10', 't100'] as const).map((id) => {
          const { spans: count, roots } = spans(id);
          const answered = requests.get(id)!;
          return [
            `catalog-read (${id})`,
            answered,
            roots,
            (roots / answered).toFixed(3),
            count,
            roots > 0 ? (count / roots).toFixed(1) : '–',
          ];
        }),
        note: 'Requests answered: the load runs, warm-up included (the few checks before them are not counted). A share of traces below the sampling ratio means the SDK dropped spans (its queue was full).',
      },
      {
        title: `/metrics after the load (${METRICS_SCRAPES} sequential GETs each)`,
        columns: ['process', 'bytes', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
        rows: (['t0', 't10', 't100'] as const).map((id) => {
          const timing = metrics.get(id)!;
          return [
            `catalog-read (${id})`,
            timing.bytes,
            timing.latencyMs.p50.toFixed(3),
            timing.latencyMs.p90.toFixed(3),
            timing.latencyMs.p99.toFixed(3),
            timing.latencyMs.max.toFixed(3),
          ];
        }),
      },
    ],
    notes,
    details: {
      requests: Object.fromEntries(requests),
      spans: Object.fromEntries(receiver.counts),
      metrics: Object.fromEntries(metrics),
    },
  };
}
