import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  type Database,
  type DatabaseHandle,
  migrateToLatest,
  openDatabase,
  readCatalogVersion,
  seedCatalog,
} from '@mystore/db';
import type { InjectOptions, LightMyRequestResponse as Response } from 'fastify';
import type { Kysely } from 'kysely';
import { type BuildOptions, buildAdminWrite } from '../../../src/app.js';
import { loadAdminWriteConfig } from '../../../src/config.js';

/** Two named tokens of 24 characters: rotation means both work at once. */
export const OWNER_TOKEN = 'owner-tok-0123456789abcd';
export const SCRIPT_TOKEN = 'script-tk-abcdef98765432';
export const ADMIN_TOKENS = `owner:${OWNER_TOKEN},script:${SCRIPT_TOKEN}`;

export type AdminWrite = Awaited<ReturnType<typeof buildAdminWrite>>;
export type AdminApp = AdminWrite['app'];

/**
 * Builds admin-write in-process (use `app.inject`). Every variable is passed explicitly, so the
 * environment of the test run cannot change the setup. Heartbeat and logs are off unless asked for.
 */
export async function startAdminWrite(
  env: Record<string, string | undefined>,
  options: BuildOptions = {},
): Promise<AdminWrite> {
  const config = loadAdminWriteConfig({ ADMIN_TOKENS, ...env });
  const built = await buildAdminWrite(config, { logger: false, heartbeat: false, ...options });
  try {
    await built.app.ready();
    // The first configured token (`name:token` or `token`).
    const token = config.ADMIN_TOKENS.split(',')[0]!
      .trim()
      .replace(/^[a-z0-9_-]{1,32}:/i, '');
    await untilNotShedding(built.app, token);
  } catch (error) {
    await built.app.close().catch(() => undefined);
    throw error;
  }
  return built;
}

/** The first request after start-up: it waits out load shedding (see `inject`) and checks the app answers. */
async function untilNotShedding(app: AdminApp, token: string): Promise<void> {
  const response = await call(app, 'GET', '/api/admin/openapi.json', { token });
  if (response.statusCode !== 200) throw new Error(`admin-write does not answer: ${response.body}`);
}

export interface Call {
  /** A JSON value (serialized with JSON.stringify) … */
  readonly json?: unknown;
  /** … or the exact body text (for numbers JSON.stringify cannot write, broken JSON, …). */
  readonly text?: string;
  readonly headers?: Record<string, string>;
  /** The bearer token; null sends no Authorization header. Default: the owner's token. */
  readonly token?: string | null;
  /** The client address (the rate limiter keys on it). */
  readonly remoteAddress?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** The detail of load shedding's 503 (service-kernel's registerApi), for every service. */
const SHED_DETAIL = 'The server is overloaded; retry later.';

function wasShed(response: Response): boolean {
  if (response.statusCode !== 503) return false;
  try {
    return (JSON.parse(response.body) as { detail?: unknown }).detail === SHED_DETAIL;
  } catch {
    return false;
  }
}

/**
 * `app.inject`, retried while load shedding refuses the request. On a busy machine (a test run beside
 * others on 2 cores) the event loop can stall long enough for @fastify/under-pressure to answer 503
 * before any hook or handler ran, so nothing happened and a retry is what a client would do.
 */
export async function inject(
  app: { inject(options: InjectOptions): Promise<Response> },
  options: InjectOptions,
): Promise<Response> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await app.inject(options);
    if (!wasShed(response) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One request through `inject` with the owner's token and a JSON content type. */
export function call(app: AdminApp, method: Method, url: string, options: Call = {}): Promise<Response> {
  const token = options.token === undefined ? OWNER_TOKEN : options.token;
  const payload = options.text ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  return inject(app, {
    method,
    url,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(payload === undefined ? {} : { payload }),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
}

/** `{ "key": <json text>, … }` from raw JSON fragments, in the given order. */
export function jsonObjectText(fragments: Readonly<Record<string, string>>): string {
  const members = Object.entries(fragments).map(([key, text]) => `${JSON.stringify(key)}:${text}`);
  return `{${members.join(',')}}`;
}

/** What a rejected request must leave untouched: every product row and the write-side counters. */
export interface DatabaseSnapshot {
  readonly products: readonly Record<string, unknown>[];
  readonly catalogVersion: number;
  readonly auditRows: number;
  readonly lastAuditId: number;
  readonly idempotencyKeys: number;
}

export async function snapshotDatabase(db: Kysely<Database>): Promise<DatabaseSnapshot> {
  const products = await db.selectFrom('products').selectAll().orderBy('product_id').execute();
  const audit = await db
    .selectFrom('product_audit')
    .select((eb) => [eb.fn.countAll<number | string>().as('rows'), eb.fn.max('audit_id').as('last')])
    .executeTakeFirstOrThrow();
  const keys = await db
    .selectFrom('idempotency_keys')
    .select((eb) => eb.fn.countAll<number | string>().as('rows'))
    .executeTakeFirstOrThrow();
  return {
    // Dates (MySQL) and strings (SQLite) alike compare by value after a JSON round trip.
    products: JSON.parse(JSON.stringify(products)),
    catalogVersion: await readCatalogVersion(db),
    auditRows: Number(audit.rows),
    lastAuditId: Number(audit.last ?? 0),
    idempotencyKeys: Number(keys.rows),
  };
}

/**
 * A cheap stand-in for `snapshotDatabase` when the catalog grows large (the fuzz): every product write
 * bumps its row's version (or adds or removes a row) and every write bumps the catalog version and
 * appends an audit row, so these aggregates plus the full rows of `watched` products catch any change.
 */
export async function fingerprintDatabase(
  db: Kysely<Database>,
  watched: readonly number[] = [],
): Promise<Record<string, unknown>> {
  const products = await db
    .selectFrom('products')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('rows'),
      eb.fn.sum<number | string>('version').as('versions'),
      eb.fn.sum<number | string>('stock_quantity').as('stock'),
      eb.fn.max('product_id').as('last'),
    ])
    .executeTakeFirstOrThrow();
  const rows =
    watched.length === 0
      ? []
      : await db
          .selectFrom('products')
          .selectAll()
          .where('product_id', 'in', [...watched])
          .orderBy('product_id')
          .execute();
  const audit = await db
    .selectFrom('product_audit')
    .select((eb) => [eb.fn.countAll<number | string>().as('rows'), eb.fn.max('audit_id').as('last')])
    .executeTakeFirstOrThrow();
  const keys = await db
    .selectFrom('idempotency_keys')
    .select((eb) => eb.fn.countAll<number | string>().as('rows'))
    .executeTakeFirstOrThrow();
  return {
    products: Object.fromEntries(Object.entries(products).map(([key, value]) => [key, String(value)])),
    watched: JSON.parse(JSON.stringify(rows)),
    catalogVersion: await readCatalogVersion(db),
    audit: [String(audit.rows), String(audit.last)],
    idempotencyKeys: String(keys.rows),
  };
}

/** Rows of products with this exact name (racing creates must leave exactly one). */
export async function countProductsNamed(db: Kysely<Database>, name: string): Promise<number> {
  const rows = await db.selectFrom('products').select('name').where('name', '=', name).execute();
  // MariaDB compares with a case-insensitive collation and SQLite's column is NOCASE: keep exact matches.
  return rows.filter((row) => row.name === name).length;
}

/** Migrates and seeds the database behind `url` (idempotent), then closes the handle. */
export async function prepareDatabase(url: string, dataDir?: string): Promise<void> {
  const handle = await openDatabase(url, { dataDir });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
    await seedCatalog(handle.db);
  } finally {
    await handle.close();
  }
}

/** A temporary DATA_DIR with a migrated and seeded `sqlite:admin.db`. */
export async function prepareSqlite(prefix = 'admin-write-'): Promise<{
  readonly env: { DATABASE_URL: string; DATA_DIR: string };
  readonly remove: () => void;
}> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const env = { DATABASE_URL: 'sqlite:admin.db', DATA_DIR: dataDir };
  await prepareDatabase(env.DATABASE_URL, dataDir);
  return { env, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A loopback port nobody listens on (taken from the OS, then closed). */
export async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `url` with another port (credentials kept). */
export function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

export { eventually } from '@mystore/test-kit';

/** A counter or gauge without labels from the app's registry (0 when absent). */
export async function readMetric(registry: AdminWrite['registry'], name: string): Promise<number> {
  for (const line of (await registry.metrics()).split('\n')) {
    if (line.startsWith(`${name} `)) return Number(line.slice(name.length + 1).trim());
  }
  return 0;
}

/** A name no other test uses (names are not unique in the schema; tests find their rows by it). */
let sequence = 0;
export function uniqueName(label: string): string {
  sequence += 1;
  return `${label} ${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

/** A SKU no other test uses: letters, digits, '-' only. */
export function uniqueSku(label = 'T'): string {
  sequence += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${sequence}`.slice(0, 64);
}

/** Closes apps and handles, ignoring ones already closed. */
export async function closeAll(
  items: readonly (AdminApp | DatabaseHandle | { close(): Promise<unknown> } | undefined)[],
): Promise<void> {
  await Promise.all(items.map((item) => item?.close().catch(() => undefined)));
}
