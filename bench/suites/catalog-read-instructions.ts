/**
 * catalog-read's own work per request, counted in instructions: callgrind (valgrind) counts the user-space
 * instructions a process executes while it answers a fixed number of requests, for
 *   (a) bare Fastify replaying catalog-read's cached response byte for byte
 *   (b) catalog-read, response-cache hit
 *   (d) catalog-read, 304 revalidation
 * Unlike req/s, a count does not move with the machine's speed, so a change to the hit path shows as a
 * number that usually repeats within about 2 % (check the idle rate: when it is far above its usual
 * ~2 M/s, the subtraction is off and so is that count). It leaves out the kernel (the TCP loopback, a third of a hit's
 * CPU and the same for both sides) and how fast the instructions run, so it complements the req/s
 * suite rather than replacing it. Named only (`npm run bench -- catalog-read-instructions`): it takes
 * a few minutes and needs Debian's `valgrind`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { migrateToLatest, openDatabase, SEED_CATEGORIES, seedCatalog } from '@mystore/db';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { captureCachedResponse, startBareServer } from '../lib/bare.js';
import { compareResponses, getRaw, header } from '../lib/http.js';
import {
  freePort,
  type ServiceProcess,
  startNodeProcess,
  type Teardown,
  waitForHttp,
} from '../lib/processes.js';
import { benchSettings, describeEnvironment, type SuiteReport } from '../lib/report.js';
import { productionEnv, serviceCommand } from '../lib/services.js';
import { round } from '../lib/stats.js';
import { measureWithTeardown, type Suite, type SuiteContext } from '../lib/suite.js';

const run = promisify(execFile);

/** Requests answered, uninstrumented, before counting: JIT tiers and inline caches settle. */
const WARMUP_REQUESTS = 30_000;
/** Requests counted per scenario. */
const COUNTED_REQUESTS = 10_000;
/**
 * Idle time counted after each scenario: timers (version polls, health checks, load-shedding samples)
 * run per second, not per request, and valgrind's slowness would otherwise bill them to the requests.
 */
const IDLE_S = 3;

interface Counted {
  readonly id: 'a' | 'b' | 'd';
  readonly name: string;
  /** Instructions while the requests ran, minus the idle rate over the same time. */
  readonly perRequest: number;
  readonly loadInstructions: number;
  readonly loadSeconds: number;
  readonly idleInstructionsPerSecond: number;
}

export const catalogReadInstructionsSuite: Suite = {
  name: 'catalog-read-instructions',
  description:
    'user-space instructions per request under callgrind: bare Fastify vs cache hit vs 304 (needs valgrind; named only)',
  namedOnly: true,
  run: (context) => measureWithTeardown(context, 'stopping the servers', measure),
};

async function requireValgrind(): Promise<void> {
  try {
    // callgrind_control and callgrind_annotate come in the same package.
    await run('valgrind', ['--version']);
  } catch {
    throw new Error('valgrind is missing (Debian: apt-get install valgrind)');
  }
}

/** A process started under callgrind with counting off; counts what it does between marks once started. */
class CallgrindCounter {
  #dumps = 0;
  #lastMark: number | undefined;
  counting = false;

  constructor(
    readonly process: ServiceProcess,
    private readonly outFile: string,
    /** valgrind and callgrind_control find each other by names built from USER and HOST: same env. */
    private readonly env: NodeJS.ProcessEnv,
    private readonly prefix: string,
  ) {}

  static wrapper(outFile: string, prefix: string): string[] {
    return [
      'valgrind',
      '--tool=callgrind',
      '--instr-atstart=no',
      `--vgdb-prefix=${prefix}`,
      `--callgrind-out-file=${outFile}`,
    ];
  }

  async #control(...args: string[]): Promise<void> {
    await run('callgrind_control', [`--vgdb-prefix=${this.prefix}`, ...args, String(this.process.pid)], {
      env: this.env,
      timeout: 60_000,
    });
  }

  /**
   * Counts from now on. Counting stays on until `stop`: callgrind's dumps are only consistent while
   * it does (a dump after counting was switched off and on again can come out negative).
   */
  async start(): Promise<void> {
    await this.#control('--instr=on');
    this.counting = true;
  }

  /** Instructions since the previous mark, with the seconds they took (the first mark only resets). */
  async mark(): Promise<{ instructions: number; seconds: number }> {
    await this.#control('--dump');
    const now = performance.now();
    const seconds = (now - (this.#lastMark ?? now)) / 1000;
    this.#lastMark = now;
    this.#dumps++;
    return { instructions: await this.#total(this.#dumps), seconds };
  }

  async stop(): Promise<void> {
    if (this.counting) await this.#control('--instr=off');
    this.counting = false;
  }

  async #total(dump: number): Promise<number> {
    const file = `${this.outFile}.${dump}`;
    // The dump is written asynchronously by the valgrind process.
    for (let attempt = 0; attempt < 100; attempt++) {
      const names = await readdir(path.dirname(file));
      if (names.includes(path.basename(file))) break;
      await sleep(100);
    }
    await sleep(200);
    const { stdout } = await run('callgrind_annotate', [file], { maxBuffer: 64 * 1024 * 1024 });
    const match = /^\s*([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS/m.exec(stdout);
    if (!match) throw new Error(`no PROGRAM TOTALS in callgrind_annotate ${file}`);
    return Number(match[1]!.replaceAll(',', ''));
  }
}

async function load(url: string, amount: number, headers: Record<string, string>, signal: AbortSignal) {
  signal.throwIfAborted();
  const result = await autocannon({ url, connections: 20, amount, headers, timeout: 30 });
  const bad = result.non2xx - (headers['if-none-match'] ? result['3xx'] : 0);
  if (result.errors > 0 || bad > 0) {
    throw new Error(
      `${url}: ${result.errors} errors, ${bad} unexpected statuses of ${result.requests.total}`,
    );
  }
}

async function measure(context: SuiteContext, teardown: Teardown): Promise<SuiteReport> {
  const { config, signal, log } = context;
  await requireValgrind();
  const startedAt = new Date();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mystore-instructions-'));
  teardown.add('instruction files', () => rm(dir, { recursive: true, force: true }));

  // The hit path never reads the database: the embedded SQLite file serves.
  const databaseUrl = `sqlite:${path.join(dir, 'catalog.db')}`;
  const writer = await openDatabase(databaseUrl);
  await migrateToLatest(writer.db as Kysely<unknown>);
  await seedCatalog(writer.db);
  await writer.close();

  const category = SEED_CATEGORIES[0]!;
  const routePath = '/api/v1/products';
  const requestPath = `${routePath}?category=${encodeURIComponent(category)}`;
  const port = await freePort();
  const env = productionEnv({
    PORT: String(port),
    METRICS_PORT: String(await freePort()),
    DATABASE_URL: databaseUrl,
    PUBLIC_ASSET_BASE_URL: 'http://localhost:3000',
  });
  const prefix = path.join(dir, 'vgdb');
  const serviceOut = path.join(dir, 'catalog-read.out');
  log('catalog-read under callgrind (start-up takes a while)');
  const service = new CallgrindCounter(
    startNodeProcess({
      name: 'catalog-read-callgrind',
      nodeArgs: serviceCommand('catalog-read', context.mode),
      env,
      logDir: config.logDir,
      wrapper: CallgrindCounter.wrapper(serviceOut, prefix),
    }),
    serviceOut,
    env,
    prefix,
  );
  teardown.add('catalog-read', () => service.process.stop());
  const serviceUrl = `http://127.0.0.1:${port}${requestPath}`;
  await waitForHttp(serviceUrl, service.process, { timeoutMs: 180_000 });
  const capture = await captureCachedResponse(serviceUrl);
  const etag = header(capture, 'etag');
  if (!etag) throw new Error('the cached response has no ETag');

  const bareOut = path.join(dir, 'bare.out');
  log('bare Fastify under callgrind');
  const bareServer = await startBareServer(capture, routePath, teardown, {
    logDir: config.logDir,
    wrapper: CallgrindCounter.wrapper(bareOut, prefix),
  });
  const bare = new CallgrindCounter(bareServer.process, bareOut, productionEnv({}), prefix);
  const bareUrl = `${bareServer.url}${requestPath}`;
  const differences = compareResponses(capture, await getRaw(bareUrl));
  if (differences.length > 0) throw new Error(`bare Fastify's response differs: ${differences.join('; ')}`);

  const scenarios = [
    { id: 'a', name: 'bare Fastify, identical bytes', counter: bare, url: bareUrl, headers: {} },
    { id: 'b', name: 'catalog-read, cache hit', counter: service, url: serviceUrl, headers: {} },
    {
      id: 'd',
      name: 'catalog-read, 304 revalidation',
      counter: service,
      url: serviceUrl,
      headers: { 'if-none-match': etag },
    },
  ] as const;
  const counted: Counted[] = [];
  for (const scenario of scenarios) {
    const counter = scenario.counter;
    log(`(${scenario.id}) warm-up: ${WARMUP_REQUESTS} requests, not counted`);
    await load(scenario.url, WARMUP_REQUESTS, scenario.headers, signal);
    if (!counter.counting) await counter.start();
    // Whatever ran since the last mark (the end of the warm-up) is not part of the count.
    await counter.mark();
    log(`(${scenario.id}) counting ${COUNTED_REQUESTS} requests, then ${IDLE_S} s idle`);
    await load(scenario.url, COUNTED_REQUESTS, scenario.headers, signal);
    const loaded = await counter.mark();
    await sleep(IDLE_S * 1000);
    const idle = await counter.mark();
    const idleRate = idle.instructions / idle.seconds;
    const perRequest = (loaded.instructions - idleRate * loaded.seconds) / COUNTED_REQUESTS;
    log(
      `(${scenario.id}) ${Math.round(perRequest)} instructions per request ` +
        `(${loaded.instructions} in ${loaded.seconds.toFixed(1)} s; idle ${Math.round(idleRate)}/s)`,
    );
    counted.push({
      id: scenario.id,
      name: scenario.name,
      perRequest,
      loadInstructions: loaded.instructions,
      loadSeconds: round(loaded.seconds, 2),
      idleInstructionsPerSecond: Math.round(idleRate),
    });
  }
  await Promise.all([bare.stop(), service.stop()]);

  const byId = (id: Counted['id']) => counted.find((each) => each.id === id)!;
  const a = byId('a').perRequest;
  const finishedAt = new Date();
  return {
    suite: 'catalog-read-instructions',
    title: 'catalog-read: user-space instructions per request (callgrind)',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallTimeS: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    environment: describeEnvironment(),
    settings: {
      ...benchSettings(config),
      mode: context.mode,
      warmupRequests: WARMUP_REQUESTS,
      countedRequests: COUNTED_REQUESTS,
      idleS: IDLE_S,
      category,
    },
    scenarios: [],
    checks: [
      {
        name: 'a/b: bare Fastify instructions / cache hit instructions (info)',
        value: round(a / byId('b').perRequest, 3),
        display: (a / byId('b').perRequest).toFixed(3),
      },
      {
        name: 'a/d: bare Fastify instructions / 304 instructions (info)',
        value: round(a / byId('d').perRequest, 3),
        display: (a / byId('d').perRequest).toFixed(3),
      },
    ],
    tables: [
      {
        title: `Instructions per request (${COUNTED_REQUESTS} requests, 20 connections, after ${WARMUP_REQUESTS})`,
        columns: ['scenario', 'instructions per request', 'counted', 'seconds', 'idle instructions/s'],
        rows: counted.map((each) => [
          `(${each.id}) ${each.name}`,
          Math.round(each.perRequest),
          each.loadInstructions,
          each.loadSeconds,
          each.idleInstructionsPerSecond,
        ]),
        note:
          "Each server runs under valgrind with the services' Node flags; only the counted requests and the idle " +
          'seconds after them count (start-up and warm-ups do not). ' +
          "A count covers every thread of the process; the idle rate (timers, GC tasks) over the load's duration is " +
          'subtracted. The ratios compare the same bytes on the wire: like b/a and d/a in req/s, but without the ' +
          'kernel, cache misses or wake-ups.',
      },
    ],
    notes: [
      `Request: GET ${requestPath}; catalog-read on the embedded SQLite file (a hit never reads the database), ` +
        `NODE_ENV=production, LOG_LEVEL=info, metrics on, from ${context.mode === 'build' ? 'build/' : 'sources via tsx'}.`,
    ],
    details: { counted },
  };
}
