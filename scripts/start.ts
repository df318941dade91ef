/**
 * `npm start`: the whole system on one machine, on the embedded SQLite database in DATA_DIR (default
 * <repo>/.data), migrated and seeded on first start. In order: check every port (a taken one stops
 * everything before anything is printed), prepare the database, start each service as its own process,
 * and print one ready block once every service answers /readyz. Ctrl-C, SIGTERM, SIGHUP or the death
 * of npm stops everything. Every variable is listed in docs/configuration.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalSignIn, localSignIn } from '@mystore/admin-web/local-run';
import {
  DatabaseUnavailableError,
  localAdminToken,
  migrateToLatest,
  openDatabase,
  seedCatalog,
} from '@mystore/db';
import type { Kysely } from 'kysely';
import { type ServiceChild, startChild, stopChildren, watchParent } from './start/children.js';
import { assertPortsFree } from './start/ports.js';
import { relayLogs } from './start/pretty-logs.js';
import { waitUntilReady } from './start/readiness.js';
import { localAddress, readStartSettings, SettingsError, type StartSettings } from './start/settings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATABASE_URL = 'sqlite:catalog.db';
/** Loaded before each service: OpenTelemetry when OTEL_* configures an exporter, nothing otherwise. */
const TRACING = '@mystore/service-kernel/tracing';

interface ServicePlan {
  readonly name: string;
  readonly entry: string;
  readonly port: number;
  /** An API route that answers once the service takes traffic. */
  readonly probe: { readonly path: string; readonly headers?: Record<string, string> };
  readonly env: Record<string, string>;
  /** What the ready block shows for this service. */
  readonly url: string;
}

/** Each service as its own process, configured only by environment, as in production. */
function planServices(settings: StartSettings, adminToken: string, signIn: LocalSignIn): ServicePlan[] {
  const { ports } = settings;
  const common = { HOST: settings.host, LOG_PRETTY: 'false' };
  const database = { ...common, DATA_DIR: settings.dataDir, DATABASE_URL };
  const address = localAddress(settings.host);
  const apiHost = address.includes(':') ? `[${address}]` : address;
  const storefront = `http://localhost:${ports.catalogWeb.port}`;
  return [
    // First: what a newcomer opens.
    {
      name: 'catalog-web',
      entry: 'services/catalog-web/src/server.ts',
      port: ports.catalogWeb.port,
      probe: { path: '/' },
      env: {
        ...common,
        PORT: String(ports.catalogWeb.port),
        METRICS_PORT: String(ports.catalogWebMetrics.port),
        CATALOG_API_URL: `http://${apiHost}:${ports.catalogRead.port}`,
        PUBLIC_BASE_URL: storefront,
      },
      url: `${storefront}/`,
    },
    {
      name: 'admin-web',
      entry: 'services/admin-web/src/server.ts',
      port: ports.adminWeb.port,
      probe: { path: '/sign-in' },
      env: {
        ...common,
        PORT: String(ports.adminWeb.port),
        METRICS_PORT: String(ports.adminWebMetrics.port),
        ADMIN_API_URL: `http://${apiHost}:${ports.adminWrite.port}`,
        ADMIN_API_TOKEN: adminToken,
        ...signIn.env,
      },
      url: `http://localhost:${ports.adminWeb.port}/`,
    },
    {
      name: 'catalog-read',
      entry: 'services/catalog-read/src/server.ts',
      port: ports.catalogRead.port,
      probe: { path: '/api/v1/categories' },
      env: {
        ...database,
        PORT: String(ports.catalogRead.port),
        METRICS_PORT: String(ports.catalogReadMetrics.port),
        // Stored image paths resolve to the storefront, which serves the seed's images.
        PUBLIC_ASSET_BASE_URL: storefront,
      },
      url: `http://localhost:${ports.catalogRead.port}/api/v1/products`,
    },
    {
      name: 'admin-write',
      entry: 'services/admin-write/src/server.ts',
      port: ports.adminWrite.port,
      // With the token: failed authentications are counted and rate limited.
      probe: { path: '/api/admin/products?limit=1', headers: { authorization: `Bearer ${adminToken}` } },
      env: {
        ...database,
        PORT: String(ports.adminWrite.port),
        METRICS_PORT: String(ports.adminWriteMetrics.port),
        ADMIN_TOKENS: `owner:${adminToken}`,
      },
      url: `http://localhost:${ports.adminWrite.port}/api/admin/products`,
    },
  ];
}

async function prepareDatabase(dataDir: string): Promise<string> {
  const database = await openDatabase(DATABASE_URL, { dataDir });
  try {
    await database.verify();
    const applied = await migrateToLatest(database.db as Kysely<unknown>);
    const seeded = await seedCatalog(database.db);
    return `${database.label} (${applied.length} migrations applied, ${seeded} products seeded)`;
  } finally {
    await database.close();
  }
}

function readyBlock(
  settings: StartSettings,
  plans: readonly ServicePlan[],
  token: string,
  tokenFrom: string,
  signIn: LocalSignIn,
) {
  const { ports } = settings;
  const passwordFrom =
    signIn.source === 'ADMIN_PASSWORD'
      ? '(from ADMIN_PASSWORD)'
      : `(kept in ${signIn.passwordFile}; set ADMIN_PASSWORD to choose your own)`;
  const metrics = [
    ['catalog-web', ports.catalogWebMetrics],
    ['admin-web', ports.adminWebMetrics],
    ['catalog-read', ports.catalogReadMetrics],
    ['admin-write', ports.adminWriteMetrics],
  ] as const;
  return [
    '',
    'mystore catalog is ready:',
    ...plans.map((plan) => `  ${plan.name.padEnd(14)} ${plan.url}`),
    ...metrics.map(
      ([name, setting]) => `  metrics        http://localhost:${setting.port}/metrics (${name})`,
    ),
    '',
    `admin console password: ${signIn.password}`,
    `  ${passwordFrom}`,
    `admin API token (Authorization: Bearer …): ${token}`,
    `  ${tokenFrom}`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const settings = readStartSettings(process.env);
  const { ports } = settings;
  await assertPortsFree(settings.host, [
    ports.catalogWeb,
    ports.catalogWebMetrics,
    ports.adminWeb,
    ports.adminWebMetrics,
    ports.catalogRead,
    ports.catalogReadMetrics,
    ports.adminWrite,
    ports.adminWriteMetrics,
  ]);

  const kept = settings.adminToken ? undefined : localAdminToken(settings.dataDir);
  const token = settings.adminToken ?? kept!.token;
  const tokenFrom = kept ? `(kept in ${kept.file}; set ADMIN_TOKEN to use your own)` : '(from ADMIN_TOKEN)';
  console.log(`mystore catalog: starting on ${await prepareDatabase(settings.dataDir)}`);

  const signIn = await localSignIn(settings.dataDir, settings.adminPassword);
  const plans = planServices(settings, token, signIn);
  const children: ServiceChild[] = [];
  let stopping: Promise<void> | undefined;
  let exitCode = 0;
  let stopRequested!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const stop = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (!stopping) {
      stopping = stopChildren(children);
      stopRequested();
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(0));
  watchParent(() => stop(0));

  for (const plan of plans) {
    const child = startChild(
      plan.name,
      ['--conditions=@mystore/source', '--import', 'tsx', '--import', TRACING, plan.entry],
      root,
      { ...process.env, ...plan.env },
    );
    children.push(child);
    if (child.process.stdout) relayLogs(child.process.stdout, settings.prettyLogs);
    void child.exited.then(({ code, signal }) => {
      if (stopping) return;
      console.error(
        `${plan.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest`,
      );
      stop(1);
    });
  }

  const address = localAddress(settings.host);
  const host = address.includes(':') ? `[${address}]` : address;
  const ready = Promise.all(
    plans.map((plan, index) => {
      const base = `http://${host}:${plan.port}`;
      const api = { url: `${base}${plan.probe.path}`, headers: plan.probe.headers };
      return waitUntilReady(plan.name, `${base}/readyz`, api, children[index]!.exited);
    }),
  );
  const outcome = await Promise.race([
    ready.then(
      () => 'ready' as const,
      (error: unknown) => error as Error,
    ),
    stopped.then(() => 'stopped' as const),
  ]);
  if (outcome === 'ready') console.log(readyBlock(settings, plans, token, tokenFrom, signIn));
  else if (outcome instanceof Error && !stopping) {
    console.error(`npm start: ${outcome.message}; stopping`);
    stop(1);
  }

  await stopped;
  await stopping;
  return exitCode;
}

// An explicit exit: the readiness polls' keep-alive sockets must not hold the process open.
try {
  process.exit(await main());
} catch (error) {
  // A setting, the database or a file system error (DATA_DIR) in one line; anything else is a bug,
  // with its stack.
  const explained =
    error instanceof SettingsError ||
    error instanceof DatabaseUnavailableError ||
    typeof (error as NodeJS.ErrnoException).syscall === 'string';
  const message = explained ? (error as Error).message : (error as Error).stack;
  console.error(`npm start: ${message}`);
  process.exit(1);
}
