import {
  bumpCatalogVersion,
  type DatabaseHandle,
  migrateToLatest,
  openDatabase,
  readCatalogVersion,
  seedCatalog,
  updateProduct,
} from '@mystore/db';
import {
  eventually,
  type ReplicaPair,
  type ReplicaPairOptions,
  startMysqlReplicaPair,
} from '@mystore/test-kit';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { buildCatalogRead } from '../../../src/app.js';
import { loadCatalogReadConfig } from '../../../src/config.js';

export { eventually } from '@mystore/test-kit';

/** A primary + replica(s), migrated and seeded, with a data-layer handle on the primary for writes. */
export interface CatalogPair {
  readonly pair: ReplicaPair;
  readonly primary: DatabaseHandle;
  /** Closes the primary handle and stops the pair (idempotent). */
  stop(): Promise<void>;
}

export async function startCatalogPair(options: ReplicaPairOptions = {}): Promise<CatalogPair> {
  const pair = await startMysqlReplicaPair(options);
  let primary: DatabaseHandle | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await primary?.close();
      await pair.stop();
    })();
    return stopping;
  };
  try {
    primary = await openDatabase(pair.primaryUrl);
    await migrateToLatest(primary.db as Kysely<unknown>);
    await seedCatalog(primary.db);
    await pair.waitForReplication();
    return { pair, primary, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** What every app in these suites shares; each test adds DATABASE_URL and what it exercises. */
export const BASE_ENV = {
  PUBLIC_ASSET_BASE_URL: 'http://shop.test',
  CATALOG_VERSION_REFRESH_MS: '50',
  MAX_REPLICA_LAG_SECONDS: '2',
  DB_QUERY_TIMEOUT_MS: '1000',
} as const;

export const SOURCE_CHECK_INTERVAL_MS = 100;

export type CatalogRead = Awaited<ReturnType<typeof buildCatalogRead>>;

/**
 * Builds catalog-read in-process (no listener; use `app.inject`), ready to serve. Every variable the
 * tests depend on is passed explicitly, so a stray variable in the environment cannot change the setup.
 */
export async function startCatalogRead(env: Record<string, string | undefined>): Promise<CatalogRead> {
  const config = loadCatalogReadConfig({ FALLBACK_DATABASE_URL: undefined, ...BASE_ENV, ...env });
  const built = await buildCatalogRead(config, {
    logger: false,
    sourceCheckIntervalMs: SOURCE_CHECK_INTERVAL_MS,
  });
  try {
    await built.app.ready();
    // Load shedding may answer 503 for the first sample after start-up (the loop was busy compiling
    // schemas); a route that needs no database tells when the app takes requests.
    await eventually(async () => {
      const response = await built.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(response.statusCode).toBe(200);
    });
  } catch (error) {
    await built.app.close().catch(() => undefined);
    throw error;
  }
  return built;
}

/** Changes a product on the primary the way admin-write does: with the catalog version bump. Returns the new version. */
export async function writeProduct(
  primary: DatabaseHandle,
  id: number,
  changes: Parameters<typeof updateProduct>[2],
): Promise<number> {
  return primary.db.transaction().execute(async (trx) => {
    if (!(await updateProduct(trx, id, changes))) throw new Error(`no product ${id} to update`);
    await bumpCatalogVersion(trx);
    return readCatalogVersion(trx);
  });
}

/** `url` with another port and/or database (credentials kept). */
export function rewriteUrl(url: string, changes: { port?: number; database?: string }): string {
  const parsed = new URL(url);
  if (changes.port !== undefined) parsed.port = String(changes.port);
  if (changes.database !== undefined) parsed.pathname = `/${encodeURIComponent(changes.database)}`;
  return parsed.toString();
}

/** Host and port of a mysql:// URL. */
export function endpointOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 3306) };
}

/** The catalog version an ETag was made from: `"v<N>-<representation>"` → N. */
export function etagVersion(etag: unknown): number {
  const match = typeof etag === 'string' ? /^"v(\d+)-[0-9a-f]+"$/.exec(etag) : null;
  if (!match) throw new Error(`not a catalog ETag: ${String(etag)}`);
  return Number(match[1]);
}

/**
 * One sample from Prometheus text: `name{labels} value` where the label set matches exactly (given in
 * the exposition's order, e.g. `target="replica",operation="start"`); undefined when absent.
 */
export function metricSample(text: string, name: string, labels = ''): number | undefined {
  const series = labels ? `${name}{${labels}}` : name;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1).trim());
  }
  return undefined;
}

/**
 * Whether the exposition has a sample of `name` carrying at least these labels, in any order
 * (prom-client writes a histogram bucket's `le` first: `x_bucket{le="0.1",target="replica",…}`).
 */
export function hasSeries(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): boolean {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return text.split('\n').some((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? \S+$/.exec(line);
    if (!match || match[1] !== name) return false;
    const present = new Set((match[2] ?? '').match(/[a-zA-Z_]\w*="(?:[^"\\]|\\.)*"/g) ?? []);
    return wanted.every((pair) => present.has(pair));
  });
}

/** The same, read from a live registry; absent counters read as 0. */
export async function readMetric(
  registry: CatalogRead['registry'],
  name: string,
  labels = '',
): Promise<number> {
  return metricSample(await registry.metrics(), name, labels) ?? 0;
}
