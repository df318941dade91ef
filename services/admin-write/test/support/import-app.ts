import { setTimeout } from 'node:timers/promises';
import {
  type DatabaseHandle,
  getProduct,
  migrateToLatest,
  readCatalogVersion,
  seedCatalog,
} from '@mystore/db';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { buildAdminWrite } from '../../src/app.js';
import { loadAdminWriteConfig } from '../../src/config.js';

export const TOKEN = 'import-export-token-0123456789';
const ADMIN_TOKENS = `owner:${TOKEN}`;

export type ImportApp = Awaited<ReturnType<typeof buildAdminWrite>>;

/** admin-write in-process on `env`'s database (migrated and seeded), logs and heartbeat off. */
export async function startImportApp(env: Record<string, string>): Promise<ImportApp> {
  const started = await buildAdminWrite(loadAdminWriteConfig({ ADMIN_TOKENS, ...env }), {
    logger: false,
    heartbeat: false,
  });
  await migrateToLatest(started.handle.db as Kysely<unknown>);
  await seedCatalog(started.handle.db);
  await started.app.ready();
  // Compiling every route's schemas at start can stall the event loop for over a second on a busy
  // machine; the load shedder then answers 503 until its next sample. Wait that out, as a readiness
  // probe would, so the tests start on a settled service.
  for (let attempt = 0; ; attempt++) {
    const probe = await started.app.inject({
      url: '/api/admin/products?limit=1',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    if (probe.statusCode !== 503) break;
    if (attempt === 50) throw new Error(`admin-write still sheds load after start: ${probe.body}`);
    await setTimeout(100);
  }
  return started;
}

export interface Send {
  readonly csv?: string;
  readonly json?: unknown;
  /** Exact JSON text (numbers JSON.stringify cannot write). */
  readonly jsonText?: string;
  readonly headers?: Record<string, string>;
}

const SHED = 'The server is overloaded; retry later.';

/**
 * One request with the token. A request the load shedder refused before any handler ran (503, see
 * startImportApp) is sent again shortly, as a client honouring Retry-After would: on a machine busy
 * with other suites, a stall of the whole process must not fail these tests.
 */
export async function send(
  { app }: ImportApp,
  method: 'GET' | 'POST',
  url: string,
  body: Send = {},
): Promise<LightMyRequestResponse> {
  const payload =
    body.csv ?? body.jsonText ?? (body.json === undefined ? undefined : JSON.stringify(body.json));
  const type = body.csv !== undefined ? 'text/csv' : payload !== undefined ? 'application/json' : undefined;
  for (let attempt = 0; ; attempt++) {
    const response = await app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(type ? { 'content-type': type } : {}),
        ...body.headers,
      },
      ...(payload === undefined ? {} : { payload }),
    });
    const shed = response.statusCode === 503 && response.body.includes(SHED);
    if (!shed || attempt === 20) return response;
    await setTimeout(250);
  }
}

export const importCsv = (app: ImportApp, csv: string, query = '', headers: Record<string, string> = {}) =>
  send(app, 'POST', `/api/admin/products/import${query}`, { csv, headers });

export const importJson = (app: ImportApp, json: unknown, query = '', headers: Record<string, string> = {}) =>
  send(app, 'POST', `/api/admin/products/import${query}`, { json, headers });

/** CSV text from rows of cells, joined with `eol`; cells are written as given (quote them yourself). */
export const csvText = (rows: readonly (readonly string[])[], eol = '\r\n') =>
  `${rows.map((cells) => cells.join(',')).join(eol)}${eol}`;

/** Everything an import may change: every product row (all columns), the counters, audit and keys. */
export async function snapshot(handle: DatabaseHandle) {
  const db = handle.db;
  const count = async (table: 'product_audit' | 'idempotency_keys') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    products: await db.selectFrom('products').selectAll().orderBy('product_id').execute(),
    catalogVersion: await readCatalogVersion(db),
    auditRows: await count('product_audit'),
    idempotencyKeys: await count('idempotency_keys'),
  };
}

/** `mystore_import_rows_total` by result label. */
export async function importRowMetrics({ registry }: ImportApp): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('mystore_import_rows_total')?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((value) => [String(value.labels.result), value.value]),
  );
}

/** The stored product with this sku (exact match), as the data layer returns it. */
export async function productBySku(handle: DatabaseHandle, sku: string) {
  const row = await handle.db
    .selectFrom('products')
    .select('product_id')
    .where('sku', '=', sku)
    .executeTakeFirst();
  return row ? getProduct(handle.db, row.product_id) : undefined;
}
