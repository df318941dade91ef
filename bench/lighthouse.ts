/**
 * `npm run lighthouse`: Lighthouse (default mobile settings) on catalog-web's home page and a product
 * page, LIGHTHOUSE_RUNS runs each, the median of every score. The storefront runs from build/ in
 * production mode against catalog-read on the bench's MariaDB pair, on loopback. See bench/README.md.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadBenchConfig } from './lib/config.js';
import { catalogReadEnv, startBenchDatabase } from './lib/database.js';
import { getRaw, header } from './lib/http.js';
import { CATEGORIES, type LighthouseRun, METRICS, medianRun, runLighthouse } from './lib/lighthouse.js';
import { freePort, Teardown } from './lib/processes.js';
import { fileStamp } from './lib/report.js';
import { buildWorkspace, startService } from './lib/services.js';

const log = (message: string) => console.log(`[lighthouse] ${message}`);
const chromePath = process.env.CHROME_PATH?.trim() || '/usr/bin/chromium';
const runs = Number(process.env.LIGHTHOUSE_RUNS?.trim() || 3);

async function main(): Promise<void> {
  if (!Number.isInteger(runs) || runs < 1 || runs > 15) throw new Error('LIGHTHOUSE_RUNS must be 1..15');
  if (!existsSync(chromePath)) throw new Error(`no Chromium at ${chromePath} (set CHROME_PATH)`);
  const config = loadBenchConfig();
  if (!config.skipBuild) await buildWorkspace();
  const teardown = new Teardown();
  try {
    log('starting MariaDB primary + replica, catalog-read and catalog-web (production, from build/)');
    const db = await startBenchDatabase(teardown);
    // The storefront's public URL is the address Lighthouse loads, so canonical links and images match it.
    const webPort = await freePort();
    const shop = `http://127.0.0.1:${webPort}`;
    const start = (service: string, env: Record<string, string>, port?: number) =>
      startService({ name: service, service, mode: 'build', env, logDir: config.logDir, teardown, port });
    const read = await start('catalog-read', { ...catalogReadEnv(db), PUBLIC_ASSET_BASE_URL: shop });
    await start('catalog-web', { CATALOG_API_URL: read.baseUrl, PUBLIC_BASE_URL: shop }, webPort);
    const moved = await getRaw(`${shop}/products/1`);
    const productPath = header(moved, 'location');
    if (moved.status !== 301 || !productPath) throw new Error(`/products/1 answered ${moved.status}`);

    const pages = [
      ['home page', `${shop}/`],
      ['product page', `${shop}${productPath}`],
    ] as const;
    mkdirSync(config.resultsDir, { recursive: true });
    const base = path.join(config.resultsDir, `lighthouse-${fileStamp(new Date())}`);
    const results: { page: string; url: string; runs: LighthouseRun[] }[] = [];
    for (const [page, url] of pages) {
      await getRaw(url); // warms catalog-web's caches; Lighthouse measures a warm server
      const pageRuns: LighthouseRun[] = [];
      for (let run = 1; run <= runs; run++) {
        const report = `${base}-${page.split(' ')[0]}-${run}.report.json`;
        const result = await runLighthouse(url, chromePath, report);
        log(`${page} run ${run}/${runs}: ${CATEGORIES.map((c) => `${c} ${result.scores[c]}`).join(', ')}`);
        pageRuns.push(result);
      }
      results.push({ page, url: url.replace(shop, ''), runs: pageRuns });
    }
    const markdown = render(results);
    console.log(`\n${markdown}`);
    writeFileSync(`${base}.md`, markdown);
    writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
    log(`results: ${base}.md, ${base}.json; each run's full report: ${base}-<page>-<run>.report.json`);
  } finally {
    await teardown.run();
  }
}

function render(results: readonly { page: string; url: string; runs: LighthouseRun[] }[]): string {
  const rows = results.map(({ page, url, runs: pageRuns }) => {
    const medians = medianRun(pageRuns);
    const perRun = (c: (typeof CATEGORIES)[number]) => pageRuns.map((run) => run.scores[c]).join('/');
    return [
      `${page} \`${url}\``,
      ...CATEGORIES.map((c) => `**${medians.scores[c]}** (${perRun(c)})`),
      ...METRICS.map((id) => {
        const value = medians.metrics[id] ?? Number.NaN;
        return id === 'cumulative-layout-shift' ? value.toFixed(3) : `${Math.round(value)}`;
      }),
      `${Math.round(medians.benchmarkIndex)} (${pageRuns.map((run) => Math.round(run.benchmarkIndex)).join('/')})`,
    ];
  });
  const columns = ['page', ...CATEGORIES, 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'SI ms', 'benchmarkIndex'];
  // Each audit once per page, with what every run that flagged it displayed.
  const findings = results.flatMap(({ page, runs: pageRuns }) => {
    const ids = [...new Set(pageRuns.flatMap((run) => Object.keys(run.findings)))];
    return ids.map((id) => {
      const shown = pageRuns.map((run) => run.findings[id]).filter((text) => text !== undefined);
      return `- ${page}, ${id} in ${shown.length}/${pageRuns.length} runs: ${shown.join(' · ')}`;
    });
  });
  return [
    `## Lighthouse ${new Date().toISOString()}`,
    '',
    `Default mobile settings (simulated throttling, CPU slowdown ×4), Chromium ${chromePath}, ${runs} runs per ` +
      'page: median (each run). benchmarkIndex is the machine speed Lighthouse measured at each run (a ' +
      'typical desktop: 1000–2500); a low one inflates TBT on any page.',
    '',
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...(findings.length > 0 ? ['Audits below 0.9 in any run:', '', ...findings, ''] : []),
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[lighthouse] ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
