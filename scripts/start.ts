/**
 * `npm start`: the whole system on one machine, on the embedded SQLite database in DATA_DIR (default
 * <repo>/.data), migrated and seeded on first start. Ctrl-C stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import type { Kysely } from 'kysely';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'));
const databaseUrl = 'sqlite:catalog.db';
/** Loaded before each service: OpenTelemetry when OTEL_* configures an exporter, nothing otherwise. */
const TRACING = '@mystore/service-kernel/tracing';
const host = process.env.HOST ?? '127.0.0.1';
const port = (name: string, fallback: number) => process.env[name] ?? String(fallback);

const ports = {
  catalogWeb: port('CATALOG_WEB_PORT', 3000),
  catalogRead: port('CATALOG_READ_PORT', 8080),
  catalogReadMetrics: port('CATALOG_READ_METRICS_PORT', 9464),
  adminWrite: port('ADMIN_WRITE_PORT', 8081),
  adminWriteMetrics: port('ADMIN_WRITE_METRICS_PORT', 9465),
};

/** The dev admin token: ADMIN_TOKEN from the environment, or a fresh one printed below. */
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(24).toString('base64url');

/** Each service as its own process, configured only by environment, as in production. */
const services: { name: string; entry: string; env: Record<string, string>; url: string }[] = [
  {
    name: 'catalog-read',
    entry: 'services/catalog-read/src/server.ts',
    env: {
      PORT: ports.catalogRead,
      METRICS_PORT: ports.catalogReadMetrics,
      DATABASE_URL: databaseUrl,
      PUBLIC_ASSET_BASE_URL: `http://localhost:${ports.catalogWeb}`,
      CORS_ORIGINS: `http://localhost:${ports.catalogWeb}`,
    },
    url: `http://localhost:${ports.catalogRead}/api/v1/products`,
  },
  {
    name: 'admin-write',
    entry: 'services/admin-write/src/server.ts',
    env: {
      PORT: ports.adminWrite,
      METRICS_PORT: ports.adminWriteMetrics,
      DATABASE_URL: databaseUrl,
      ADMIN_TOKENS: `owner:${adminToken}`,
    },
    url: `http://localhost:${ports.adminWrite}/api/admin/products`,
  },
];

mkdirSync(dataDir, { recursive: true });
const database = await openDatabase(databaseUrl, { dataDir });
try {
  await database.verify();
  const applied = await migrateToLatest(database.db as Kysely<unknown>);
  const seeded = await seedCatalog(database.db);
  console.log(
    `database: ${database.label} (${applied.length} migrations applied, ${seeded} products seeded)`,
  );
} finally {
  await database.close();
}

const children = new Map<string, ChildProcess>();
let stopping = false;

function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
}

for (const service of services) {
  const child = spawn(
    process.execPath,
    ['--conditions=@mystore/source', '--import', 'tsx', '--import', TRACING, service.entry],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        HOST: host,
        DATA_DIR: dataDir,
        LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
        ...service.env,
      },
    },
  );
  children.set(service.name, child);
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      console.error(`${service.name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest`);
      stopAll(1);
    }
  });
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

console.log('\nmystore catalog is starting:');
for (const service of services) console.log(`  ${service.name.padEnd(14)} ${service.url}`);
console.log(`\nadmin API token (Authorization: Bearer …): ${adminToken}`);
if (!process.env.ADMIN_TOKEN) console.log('  (generated for this run; set ADMIN_TOKEN to choose your own)');
console.log('Ctrl-C stops everything.\n');
