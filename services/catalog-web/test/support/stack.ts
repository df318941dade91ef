import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildCatalogRead } from '@mystore/catalog-read/app';
import { loadCatalogReadConfig } from '@mystore/catalog-read/config';
import {
  bumpCatalogVersion,
  type DatabaseHandle,
  insertProduct,
  migrateToLatest,
  openDatabase,
  type ProductInput,
  seedCatalog,
} from '@mystore/db';
import type { Kysely } from 'kysely';
import { buildCatalogWeb } from '../../src/app.js';
import { loadCatalogWebConfig } from '../../src/config.js';

/** The storefront's and catalog-read's public host in these tests: images on it are the storefront's. */
export const SHOP_URL = 'http://shop.test';

export type CatalogWeb = Awaited<ReturnType<typeof buildCatalogWeb>>;
export type CatalogRead = Awaited<ReturnType<typeof startCatalogRead>>;

/** A seeded SQLite catalog, with a handle that writes to it as admin-write does. */
export interface Catalog {
  readonly dataDir: string;
  readonly writer: DatabaseHandle;
  /** Inserts active products (with a catalog version bump, so readers see them); returns their ids. */
  add(products: readonly ProductInput[]): Promise<number[]>;
  remove(): Promise<void>;
}

export async function createCatalog(): Promise<Catalog> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-web-'));
  const writer = await openDatabase('sqlite:catalog.db', { dataDir });
  await migrateToLatest(writer.db as Kysely<unknown>);
  await seedCatalog(writer.db);
  return {
    dataDir,
    writer,
    add: (products) =>
      writer.db.transaction().execute(async (trx) => {
        const ids: number[] = [];
        for (const product of products) ids.push(await insertProduct(trx, product));
        await bumpCatalogVersion(trx);
        return ids;
      }),
    async remove() {
      await writer.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What catalog-read received: the headers the storefront passed on. */
export interface ReceivedCall {
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * catalog-read on the catalog's file, listening on a free loopback port (catalog-web calls it over
 * HTTP). `received` lists the requests it got, newest last.
 */
export async function startCatalogRead(catalog: Catalog, env: Record<string, string> = {}) {
  const read = await buildCatalogRead(
    loadCatalogReadConfig({
      DATABASE_URL: 'sqlite:catalog.db',
      DATA_DIR: catalog.dataDir,
      PUBLIC_ASSET_BASE_URL: SHOP_URL,
      CATALOG_VERSION_REFRESH_MS: '50',
      ...env,
    }),
    { logger: false },
  );
  const received: ReceivedCall[] = [];
  read.app.addHook('onRequest', async (request) => {
    received.push({ url: request.url, headers: request.headers });
  });
  await read.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = read.app.server.address() as AddressInfo;
  return { ...read, url: `http://127.0.0.1:${port}`, received };
}

/** catalog-web in-process against catalog-read at `apiUrl` (use `inject`, or `listen` for a browser). */
export async function startCatalogWeb(apiUrl: string, env: Record<string, string> = {}): Promise<CatalogWeb> {
  const web = await buildCatalogWeb(
    loadCatalogWebConfig({
      CATALOG_API_URL: apiUrl,
      PUBLIC_BASE_URL: SHOP_URL,
      // A loaded 2-core machine can stall a first, cold call for a second or more.
      CATALOG_API_TIMEOUT_MS: '5000',
      ...env,
    }),
    { logger: false },
  );
  await web.app.ready();
  return web;
}

/** Listens on a free loopback port; returns the base URL. */
export async function listen(app: CatalogWeb['app']): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** A seeded catalog with `products` added, catalog-read on it over HTTP, and catalog-web in-process. */
export interface Stack {
  readonly catalog: Catalog;
  readonly read: CatalogRead;
  readonly web: CatalogWeb;
  /** Ids of the added products, in order. */
  readonly ids: number[];
  stop(): Promise<void>;
}

export async function startStack(
  products: readonly ProductInput[] = [],
  readEnv: Record<string, string> = {},
): Promise<Stack> {
  const catalog = await createCatalog();
  const ids = products.length > 0 ? await catalog.add(products) : [];
  const read = await startCatalogRead(catalog, readEnv);
  const web = await startCatalogWeb(read.url);
  return {
    catalog,
    read,
    web,
    ids,
    async stop() {
      await web.app.close();
      await read.app.close();
      await catalog.remove();
    },
  };
}
