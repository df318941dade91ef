import { spawnSync } from 'node:child_process';
import { migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import { adminWeb, adminWrite, catalogRead, catalogWeb } from '@mystore/service-contract';
import {
  eventually,
  mysqlSuiteGate,
  prometheusSuiteGate,
  type ReplicaPair,
  type RunningService,
  startMysqlReplicaPair,
  startServiceProcess as startService,
} from '@mystore/test-kit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourcesOf } from '../src/metric-sources.js';
import { SERVICE_NAMES } from '../src/promql.js';
import { CUSTOMER_PATH } from '../src/slos.js';
import {
  dashboardQueries,
  labelValueVariables,
  REPO_ROOT,
  RULES_PATH,
  readRules,
} from './support/artifacts.js';
import { type Prometheus, startPrometheus } from './support/prometheus-server.js';
import { type Selector, selectorsOf } from './support/selectors.js';
import { administer, browseCatalog, browseStorefront, guessTokens, openConsole } from './support/traffic.js';

const prometheusGate = prometheusSuiteGate(['prometheus']);
const mysqlGate = await mysqlSuiteGate();
const gate = prometheusGate.run ? mysqlGate : prometheusGate;

const NAMESPACE = 'mystore';
const DB_NAMESPACE = 'mystore-db';
const TOKEN = 'monitoring-test-token-0123456789';
/** All four services run: every query and rule must see each one that exports what it reads. */
const RUNNING: readonly string[] = [catalogWeb.name, adminWeb.name, catalogRead.name, adminWrite.name];

/** admin-web's password hash, made by its own `npm run hash-password`. */
function ownerPasswordHash(): string {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@mystore/source', '--import', 'tsx', 'services/admin-web/src/cli/hash-password.ts'],
    { cwd: REPO_ROOT, input: 'monitoring-owner-password', encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`hash-password failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Debian's Prometheus 2.42 has no `$__rate_interval` (Grafana's): a fixed window of 60 one-second scrapes. */
const RATE_WINDOW = '1m';

/** A dashboard query as Grafana sends it: variables replaced, All services as Grafana's `(a|b|…)`. */
function substitute(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', RATE_WINDOW)
    .replaceAll('$namespace', NAMESPACE)
    .replaceAll('$db_namespace', DB_NAMESPACE)
    .replaceAll('$service', `(${SERVICE_NAMES.join('|')})`);
}

const recordNames = new Set(readRules().flatMap((rule) => (rule.record ? [rule.record] : [])));

/** The running services a selector reads from: none for another exporter's metric or a web app's. */
function runningSourcesOf(selector: Selector): string[] {
  if (recordNames.has(selector.metric))
    return RUNNING.filter((name) => (CUSTOMER_PATH as readonly string[]).includes(name));
  const sources = sourcesOf(selector.metric) ?? [];
  return sources.filter(
    (service) =>
      RUNNING.includes(service) &&
      selector.matchers.every((matcher) => {
        if (matcher.label !== 'service') return true;
        const pattern = new RegExp(`^(?:${substitute(matcher.value)})$`);
        return matcher.op === '='
          ? matcher.value === service
          : matcher.op === '=~'
            ? pattern.test(service)
            : true;
      }),
  );
}

/** Whether the running services alone must give this expression data (all its selectors read them). */
function mustHaveData(expr: string): boolean {
  return selectorsOf(expr).every((selector) => runningSourcesOf(selector).length > 0);
}

describe.skipIf(!gate.run)(
  gate.title('dashboard and rules on a real Prometheus scraping the services'),
  () => {
    let pair: ReplicaPair | undefined;
    let prometheus: Prometheus | undefined;
    const services: RunningService[] = [];
    /** Alert expressions seen firing during the drills. */
    const firedInDrills = new Set<string>();

    beforeAll(async () => {
      pair = await startMysqlReplicaPair();
      const primary = await openDatabase(pair.primaryUrl);
      await migrateToLatest(primary.db as Kysely<unknown>);
      await seedCatalog(primary.db);
      await primary.close();
      await pair.waitForReplication();

      const readEnv = {
        DATABASE_URL: pair.replicaUrl,
        MAX_REPLICA_LAG_SECONDS: '2',
        CATALOG_VERSION_REFRESH_MS: '200',
        DB_QUERY_TIMEOUT_MS: '1000',
        PUBLIC_ASSET_BASE_URL: 'http://shop.test',
      };
      services.push(
        ...(await Promise.all([
          // Pod 0 fails over to the primary; pod 1 has no fallback, so a dead replica means 503s there.
          startService(catalogRead.name, { ...readEnv, FALLBACK_DATABASE_URL: pair.primaryUrl }),
          startService(catalogRead.name, readEnv),
          startService(adminWrite.name, {
            DATABASE_URL: pair.primaryUrl,
            ADMIN_TOKENS: TOKEN,
            AUTH_FAILURES_PER_MINUTE: '1000',
          }),
        ])),
      );
      const [readWithFallback, , admin] = services as [RunningService, RunningService, RunningService];
      services.push(
        ...(await Promise.all([
          startService(catalogWeb.name, {
            CATALOG_API_URL: `http://127.0.0.1:${readWithFallback.port}`,
            CATALOG_API_TIMEOUT_MS: '1000',
          }),
          startService(adminWeb.name, {
            ADMIN_API_URL: `http://127.0.0.1:${admin.port}`,
            ADMIN_API_TOKEN: TOKEN,
            ADMIN_PASSWORD_HASH: ownerPasswordHash(),
            SESSION_SECRET: 'monitoring-session-secret-0123456789abcdef',
            SESSION_COOKIE_SECURE: 'false',
          }),
        ])),
      );
      const pods = new Map<string, number>();
      prometheus = await startPrometheus({
        namespace: NAMESPACE,
        ruleFiles: [RULES_PATH],
        targets: services.map((service) => {
          const index = pods.get(service.name) ?? 0;
          pods.set(service.name, index + 1);
          return {
            service: service.name,
            pod: `${service.name}-${index}`,
            address: `127.0.0.1:${service.metricsPort}`,
          };
        }),
      });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await Promise.all(services.map((service) => service.stop()));
      await pair?.stop();
    });

    it('drives traffic and failures through the services while Prometheus scrapes them', async () => {
      const [readWithFallback, readAlone, admin, storefront, ownerConsole] = services as [
        RunningService,
        RunningService,
        RunningService,
        RunningService,
        RunningService,
      ];
      const alertExpr = (name: string) => readRules().find((rule) => rule.alert === name)!.expr;
      // Counters must be scraped before they move, or their first increase is never seen.
      await eventually(
        async () => {
          expect((await prometheus!.query('up == 1')).result).toHaveLength(services.length);
        },
        15_000,
        200,
      );
      let stopTraffic = false;
      const traffic = (async () => {
        for (let round = 0; !stopTraffic; round += 1) {
          await Promise.all([
            browseCatalog(`http://127.0.0.1:${readWithFallback.port}`, round),
            browseCatalog(`http://127.0.0.1:${readAlone.port}`, round),
            administer(`http://127.0.0.1:${admin.port}`, TOKEN, round),
            browseStorefront(`http://127.0.0.1:${storefront.port}`, round),
            openConsole(`http://127.0.0.1:${ownerConsole.port}`),
          ]);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();
      try {
        await guessTokens(`http://127.0.0.1:${admin.port}`, 40);
        await eventually(
          async () => {
            expect((await prometheus!.query(alertExpr('AdminAuthFailureBurst'))).result).not.toEqual([]);
          },
          15_000,
          500,
        );
        firedInDrills.add('AdminAuthFailureBurst');

        // Drill 1: replication stops; the heartbeat keeps beating on the primary, so the lag grows, pod 0
        // fails over to the primary, and both alert expressions see it.
        await pair!.pauseReplication(0);
        await eventually(
          async () => {
            expect((await prometheus!.query(alertExpr('ReplicaLagHigh'))).result).not.toEqual([]);
            expect((await prometheus!.query(alertExpr('ReadFallbackActive'))).result).not.toEqual([]);
          },
          25_000,
          500,
        );
        firedInDrills.add('ReplicaLagHigh').add('ReadFallbackActive');
        await pair!.resumeReplication(0);

        // Drill 2: the replica's server stops. Pod 1 has nowhere else to read: new queries get 503.
        await pair!.stopReplica(0);
        await eventually(
          async () => {
            const response = await fetch(
              `http://127.0.0.1:${readAlone.port}/api/v1/products?q=drill${Date.now()}`,
            );
            await response.arrayBuffer();
            expect(response.status).toBe(503);
          },
          15_000,
          200,
        );
        await pair!.startReplica(0);
        await pair!.waitForReplication();

        // Enough scrapes and rule evaluations after the last change for every window to see it.
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      } finally {
        stopTraffic = true;
        await traffic;
      }
      const targets = await prometheus!.api<{
        activeTargets: { health: string; labels: Record<string, string> }[];
      }>('/api/v1/targets');
      expect(targets.activeTargets.map((target) => [target.labels.pod, target.health])).toEqual(
        expect.arrayContaining([
          ['catalog-read-0', 'up'],
          ['catalog-read-1', 'up'],
          ['admin-write-0', 'up'],
          ['catalog-web-0', 'up'],
          ['admin-web-0', 'up'],
        ]),
      );
    }, 180_000);

    it("answers every template variable's label_values query", async () => {
      for (const variable of labelValueVariables()) {
        const values = await prometheus!.api<string[]>(
          `/api/v1/label/${variable.label}/values?match[]=${encodeURIComponent(substitute(variable.series))}`,
        );
        if (variable.name === 'namespace') expect(values).toEqual([NAMESPACE]);
        if (variable.name === 'service') expect(values.sort()).toEqual([...RUNNING].sort());
        // db_namespace reads mysqld_exporter's series, which no exporter here produces: it only must not fail.
      }
    });

    it('evaluates every dashboard query without error, with data wherever the running services produce it', async () => {
      const problems: string[] = [];
      for (const query of dashboardQueries()) {
        const expr = substitute(query.expr);
        const where = `${query.panel} [${query.refId}]`;
        try {
          const { result } = await prometheus!.query(expr);
          if (mustHaveData(expr) && result.length === 0) problems.push(`${where}: no data for ${expr}`);
          // Each selector of ours alone too: a wrong label value would leave a whole expression empty anyway,
          // but an `or 0 *` fallback could hide it.
          for (const selector of selectorsOf(expr)) {
            if (runningSourcesOf(selector).length === 0) continue;
            const text = `${selector.metric}{${selector.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(', ')}}`;
            if ((await prometheus!.query(text)).result.length === 0)
              problems.push(`${where}: no series ${text}`);
          }
        } catch (error) {
          problems.push(`${where}: ${(error as Error).message}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('loads every rule healthy; every recording rule records, for each running customer-path service', async () => {
      const { groups } = await prometheus!.api<{
        groups: {
          name: string;
          rules: { name: string; type: string; health: string; lastError?: string }[];
        }[];
      }>('/api/v1/rules');
      const loaded = groups.flatMap((group) => group.rules);
      expect(loaded.length).toBe(readRules().length);
      expect(loaded.filter((rule) => rule.health !== 'ok' || rule.lastError)).toEqual([]);

      const problems: string[] = [];
      for (const rule of readRules().filter((candidate) => candidate.record)) {
        const labels = Object.entries(rule.labels ?? {}).map(([key, value]) => `${key}="${value}"`);
        const series = `${rule.record}{${labels.join(', ')}}`;
        const { result } = await prometheus!.query(series);
        if (result.length === 0) {
          if (mustHaveData(rule.expr)) problems.push(`no series ${series}`);
          continue;
        }
        if (rule.record?.startsWith('slo:sli_error:')) {
          const recorded = new Set(result.map((sample) => sample.metric.service));
          for (const service of RUNNING.filter((name) =>
            (CUSTOMER_PATH as readonly string[]).includes(name),
          )) {
            if (!recorded.has(service)) problems.push(`${series}: nothing for ${service}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('evaluates every alert expression without error; the drills made theirs fire', async () => {
      const problems: string[] = [];
      for (const rule of readRules().filter((candidate) => candidate.alert)) {
        await prometheus!
          .query(rule.expr)
          .catch((error: Error) => problems.push(`${rule.alert}: ${error.message}`));
      }
      expect(problems).toEqual([]);
      expect([...firedInDrills].sort()).toEqual([
        'AdminAuthFailureBurst',
        'ReadFallbackActive',
        'ReplicaLagHigh',
      ]);
      // Nothing is down in a healthy run, and no pool was saturated by this light load.
      for (const quiet of ['ServiceTargetDown', 'DatabasePoolSaturated']) {
        const expr = readRules().find((rule) => rule.alert === quiet)!.expr;
        expect((await prometheus!.query(expr)).result, quiet).toEqual([]);
      }
    });
  },
);
