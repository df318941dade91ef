/**
 * The storefront against the API it is made from (issue #17): catalog-web's pages and catalog-read's
 * JSON for the same data, in alternating rounds (a c d b, then b d c a, …):
 *   (a) a category's listing page, cached (every part revalidated with catalog-read: two 304s)
 *   (b) a product page of that category, cached (one 304)
 *   (c) catalog-read's JSON list the listing page shows
 *   (d) catalog-read's JSON of that product
 * No target: the report gives page/JSON ratios and the CPU each response costs.
 */
import { LIST_CATEGORY, LIST_REQUEST } from '../lib/catalog-list.js';
import { catalogReadEnv, SHOP_BASE_URL } from '../lib/database.js';
import { getRaw, header, type RawResponse, scrapeMetrics } from '../lib/http.js';
import { preflight } from '../lib/preflight.js';
import type { Teardown } from '../lib/processes.js';
import {
  benchSettings,
  type Check,
  ratioCheck,
  type SuiteReport,
  serverCpuPerResponse,
  upstreamCpuPerResponse,
} from '../lib/report.js';
import { type LoadScenario, runRounds, summarizeRounds, warmUp } from '../lib/rounds.js';
import { describeMode, serviceCommand, startServiceWithFallback } from '../lib/services.js';
import { pairedRatio, round } from '../lib/stats.js';
import { measureWithTeardown, type Suite, type SuiteContext } from '../lib/suite.js';

/** What a current desktop Chrome sends with a navigation (it accepts zstd too; catalog-web offers br, gzip). */
const BROWSER_PAGE_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'en-US,en;q=0.9',
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
} as const;
/** The same browser fetching JSON. */
const BROWSER_JSON_HEADERS = { ...BROWSER_PAGE_HEADERS, accept: 'application/json' } as const;

/** Round 1's order: each page next to its JSON, so both ratios pair neighbouring runs. */
const ROUND_ORDER = ['a', 'c', 'd', 'b'] as const;
type Scenario = LoadScenario<(typeof ROUND_ORDER)[number]>;

export const catalogWebSuite: Suite = {
  name: 'catalog-web',
  description:
    "a cached category page and product page vs catalog-read's JSON for the same data (ratios, CPU per response)",
  run: (context) => measureWithTeardown(context, 'stopping services and MariaDB', measure),
};

/** catalog-web's page-cache counters (`mystore_page_cache_requests_total{result}`). */
async function pageCacheCounts(metricsUrl: string): Promise<{ hit: number; miss: number }> {
  const samples = await scrapeMetrics(metricsUrl);
  const count = (result: string) => samples.get(`mystore_page_cache_requests_total{result="${result}"}`) ?? 0;
  return { hit: count('hit'), miss: count('miss') };
}

/** Fails unless the response is what the scenario expects; returns it. */
function expectOk(response: RawResponse, what: string, encoding?: string): RawResponse {
  if (response.status !== 200) {
    throw new Error(`${what} answered ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`);
  }
  if (encoding !== undefined && header(response, 'content-encoding') !== encoding) {
    throw new Error(
      `${what} came with content-encoding ${header(response, 'content-encoding')}, not ${encoding}`,
    );
  }
  return response;
}

async function measure(context: SuiteContext, teardown: Teardown): Promise<SuiteReport> {
  const { config, signal, log } = context;
  const startedAt = new Date();
  const { environment, notes, db } = await preflight(context, teardown);

  const read = await startServiceWithFallback({
    name: 'catalog-read',
    service: 'catalog-read',
    env: catalogReadEnv(db),
    logDir: config.logDir,
    teardown,
    notes,
    preferSource: context.mode === 'source',
  });
  const web = await startServiceWithFallback({
    name: 'catalog-web',
    service: 'catalog-web',
    env: { CATALOG_API_URL: read.baseUrl, PUBLIC_BASE_URL: SHOP_BASE_URL },
    logDir: config.logDir,
    teardown,
    notes,
    preferSource: read.mode === 'source',
  });
  log(
    `catalog-read from ${describeMode(read.mode)} on ${read.baseUrl}, ` +
      `catalog-web from ${describeMode(web.mode)} on ${web.baseUrl}`,
  );
  signal.throwIfAborted();

  const category = LIST_CATEGORY;
  const listPath = LIST_REQUEST;
  const pagePath = `/?category=${encodeURIComponent(category)}`;
  const list = JSON.parse(
    expectOk(await getRaw(`${read.baseUrl}${listPath}`), `GET ${listPath}`).body.toString('utf8'),
  ) as { items: { id: number }[] };
  const product = list.items[0];
  if (!product) throw new Error(`category "${category}" has no products: the seed did not reach the replica`);
  const productJsonPath = `/api/v1/products/${product.id}`;
  // The product page's one address (with the slug of its name) is where its bare id redirects.
  const moved = await getRaw(`${web.baseUrl}/products/${product.id}`);
  const productPagePath = header(moved, 'location');
  if (moved.status !== 301 || !productPagePath) {
    throw new Error(`/products/${product.id} answered ${moved.status}, not a 301 to the product's page`);
  }

  // What each response weighs as a browser gets it (compressed) and uncompressed.
  const sizes = new Map<Scenario['id'], { wire: number; plain: number; encoding: string }>();
  const measureSize = async (id: Scenario['id'], url: string, headers: Record<string, string>) => {
    const sent = expectOk(await getRaw(url, headers), `GET ${url}`);
    const plain = expectOk(await getRaw(url), `GET ${url}`);
    sizes.set(id, {
      wire: sent.body.length,
      plain: plain.body.length,
      encoding: header(sent, 'content-encoding') ?? 'identity',
    });
  };
  await measureSize('a', `${web.baseUrl}${pagePath}`, BROWSER_PAGE_HEADERS);
  await measureSize('b', `${web.baseUrl}${productPagePath}`, BROWSER_PAGE_HEADERS);
  await measureSize('c', `${read.baseUrl}${listPath}`, BROWSER_JSON_HEADERS);
  await measureSize('d', `${read.baseUrl}${productJsonPath}`, BROWSER_JSON_HEADERS);

  const page = (id: 'a' | 'b', name: string, path: string): Scenario => ({
    id,
    name,
    request: `GET ${path} → catalog-web (page cached; catalog-read revalidates its parts with 304s)`,
    url: `${web.baseUrl}${path}`,
    headers: BROWSER_PAGE_HEADERS,
    expectStatus: 200,
    serverPid: web.process.pid,
    upstreamPid: read.process.pid,
  });
  const json = (id: 'c' | 'd', name: string, path: string): Scenario => ({
    id,
    name,
    request: `GET ${path} → catalog-read (cache warm)`,
    url: `${read.baseUrl}${path}`,
    headers: BROWSER_JSON_HEADERS,
    expectStatus: 200,
    serverPid: read.process.pid,
  });
  const scenarios: Scenario[] = [
    page('a', `listing page (${category})`, pagePath),
    page('b', 'product page', productPagePath),
    json('c', `JSON list (${category})`, listPath),
    json('d', 'JSON product', productJsonPath),
  ];
  const order = ROUND_ORDER.map((id) => scenarios.find((s) => s.id === id)!);
  const rounds = { config, signal, log, order };
  await warmUp(rounds);
  const pageCacheBefore = await pageCacheCounts(web.metricsUrl);
  const results = await runRounds(rounds);
  const pageCacheAfter = await pageCacheCounts(web.metricsUrl);
  const summaries = summarizeRounds(scenarios, results);
  const byId = (id: Scenario['id']) => summaries.find((s) => s.id === id)!;

  const perRound = (id: Scenario['id']) => results.get(id)!.map((run) => run.reqPerSec);
  /** CPU per response of the whole answer: the server's plus, for a page, catalog-read's 304s. */
  const totalCpu = (id: Scenario['id']) =>
    results
      .get(id)!
      .map((run) => (serverCpuPerResponse(run) ?? Number.NaN) + (upstreamCpuPerResponse(run) ?? 0));
  /** Each page against its JSON: a/c and b/d, in req/s and in CPU per response. */
  const pairs = [
    ['a', 'c', 'listing page / JSON list'],
    ['b', 'd', 'product page / JSON product'],
  ] as const;
  const checks: Check[] = pairs.flatMap(([page, json, what]) => [
    ratioCheck(
      `${what}, req/s (${page}/${json}), median of per-round ratios`,
      pairedRatio(perRound(page), perRound(json)),
    ),
    ratioCheck(
      `${what}, CPU per response (${page}: catalog-web + catalog-read), median of per-round ratios`,
      pairedRatio(totalCpu(page), totalCpu(json)),
    ),
  ]);
  const hits = pageCacheAfter.hit - pageCacheBefore.hit;
  const misses = pageCacheAfter.miss - pageCacheBefore.miss;

  const fmt = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));
  const finishedAt = new Date();
  const sizeOf = (id: Scenario['id']) => sizes.get(id)!;
  notes.push(
    `Headers: every request sends a desktop Chrome's Accept, Accept-Language, User-Agent and ` +
      `"Accept-Encoding: ${BROWSER_PAGE_HEADERS['accept-encoding']}" (JSON with Accept: application/json). ` +
      `catalog-web compressed its pages with ${sizeOf('a').encoding} (@fastify/compress, per response); ` +
      `catalog-read sent its JSON ${sizeOf('c').encoding === 'identity' ? 'uncompressed (it has no compression; an ingress may add it)' : `with ${sizeOf('c').encoding}`}.`,
    `Pages: every request is a page-cache hit in catalog-web (${hits} hits, ${misses} misses over the rounds) ` +
      'after revalidating its parts with catalog-read (If-None-Match → 304: two calls for the listing, ' +
      'one for the product page) over its keep-alive pool; then the stored HTML is compressed and sent.',
    `catalog-read and catalog-web: NODE_ENV=production, LOG_LEVEL=info (JSON logs to ${config.logDir ?? '/dev/null'}), ` +
      `metrics on, from ${read.mode === 'build' ? `build/ (node ${serviceCommand('catalog-web', 'build').join(' ')}; no OTEL_* set, so tracing is off)` : 'sources via tsx'}; ` +
      `catalog-read on the replica (primary as fallback), MariaDB pair from the test kit with innodb_buffer_pool_size=${db.bufferPool}.`,
    'server CPU is the process answering the load (catalog-web for pages, catalog-read for JSON); for pages, ' +
      "catalog-read's CPU for the revalidations is given separately and added in the per-response ratios. " +
      "other CPU: the rest of the machine (MariaDB's heartbeat, any other process). Latencies at µs resolution.",
  );

  return {
    suite: 'catalog-web',
    title: `catalog-web: GET ${pagePath} and a product page vs catalog-read's JSON`,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallTimeS: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    environment,
    settings: {
      ...benchSettings(config),
      mode: web.mode,
      bufferPool: db.bufferPool,
      category,
      product: product.id,
    },
    scenarios: summaries,
    checks,
    tables: [
      {
        title: 'CPU per response (µs, medians over the rounds) and response size',
        columns: [
          'scenario',
          'answering process µs/req',
          'catalog-read 304s µs/req',
          'body bytes sent',
          'uncompressed',
          'encoding',
        ],
        rows: scenarios.map((s) => {
          const summary = byId(s.id);
          const size = sizeOf(s.id);
          return [
            `(${s.id}) ${s.name}`,
            fmt(summary.median.serverCpuUsPerRequest),
            fmt(summary.median.upstreamCpuUsPerRequest),
            size.wire,
            size.plain,
            size.encoding,
          ];
        }),
      },
    ],
    notes,
    details: {
      pageCache: { before: pageCacheBefore, after: pageCacheAfter },
      sizes: Object.fromEntries(sizes),
    },
  };
}
