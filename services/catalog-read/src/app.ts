import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import { type DatabaseHandle, openDatabase, schemaStatus } from '@mystore/db';
import {
  createMetricsRegistry,
  createService,
  registerApi,
  registerOpenApi,
  splitList,
  untraced,
} from '@mystore/service-kernel';
import type { Kysely } from 'kysely';
import { CatalogReader } from './catalog-reader.js';
import type { CatalogReadConfig } from './config.js';
import { createCatalogMetrics } from './metrics.js';
import { ReadSource } from './read-source.js';
import { ResponseCache } from './response-cache.js';
import { catalogApi } from './routes/index.js';
import { versionEtags } from './routes/send.js';

export interface BuildOptions {
  /** false silences logs (tests); a stream receives the JSON lines. */
  readonly logger?: false | { write(line: string): void };
  /** How often replica health and lag are checked (default 1000 ms). */
  readonly sourceCheckIntervalMs?: number;
}

/** Revision of the public JSON shape; part of every ETag. */
const API_REVISION = '1';

async function openRead(
  url: string,
  config: CatalogReadConfig,
  log: ReturnType<typeof createCatalogMetrics>,
  target: 'replica' | 'fallback',
) {
  const sqlite = url.startsWith('sqlite:');
  const handle = await openDatabase(url, {
    dataDir: config.DATA_DIR,
    readOnly: sqlite,
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
    connectionLimit: config.DB_POOL_SIZE,
    log: log.queryLogger(sqlite ? 'sqlite' : target),
  });
  log.trackPool(sqlite ? 'sqlite' : target, handle);
  return handle;
}

/**
 * catalog-read: the public catalog API on the replica, with an optional fallback to the primary, an
 * in-process response cache keyed by catalog version, and HTTP revalidation.
 */
export async function buildCatalogRead(config: CatalogReadConfig, options: BuildOptions = {}) {
  const registry = createMetricsRegistry();
  const metrics = createCatalogMetrics(registry);
  const replica = await openRead(config.DATABASE_URL, config, metrics, 'replica');
  let fallback: DatabaseHandle | undefined;
  try {
    fallback = config.FALLBACK_DATABASE_URL
      ? await openRead(config.FALLBACK_DATABASE_URL, config, metrics, 'fallback')
      : undefined;
  } catch (error) {
    await replica.close();
    throw error;
  }

  let schemaUpToDate = false;
  let source: ReadSource | undefined;
  let reader: CatalogReader | undefined;
  const refreshSchemaStatus = async () => {
    if (schemaUpToDate || !source) return;
    schemaUpToDate = await source
      .read((db) => schemaStatus(db as Kysely<unknown>))
      .then((status) => status.upToDate)
      .catch(() => false);
  };

  const app = await createService({
    service: 'catalog-read',
    config,
    registry,
    logger: options.logger,
    readiness: async () => {
      await refreshSchemaStatus();
      const database = source?.healthy ?? false;
      const cached = (reader?.cachedEntries ?? 0) > 0;
      return {
        ready: schemaUpToDate && (database || cached),
        checks: {
          database: database ? (source?.usingFallback ? 'fallback' : 'ok') : 'unreachable',
          cache: cached ? 'warm' : 'empty',
          schema: schemaUpToDate ? 'ok' : 'not migrated',
        },
      };
    },
  });

  source = new ReadSource({
    replica,
    fallback,
    maxLagSeconds: config.MAX_REPLICA_LAG_SECONDS,
    metrics,
    log: app.log,
    checkIntervalMs: options.sourceCheckIntervalMs,
  });
  const cache = config.CACHE_MAX_BYTES > 0 ? new ResponseCache(config.CACHE_MAX_BYTES) : undefined;
  reader = new CatalogReader(source, cache, metrics, app.log);
  const assetBase = new URL(config.PUBLIC_ASSET_BASE_URL);
  // Part of every ETag: what besides the data shapes a response (currency, asset base, API revision).
  const representation = createHash('sha256')
    .update(`${API_REVISION}|${config.SHOP_CURRENCY}|${assetBase.href}`)
    .digest('hex')
    .slice(0, 8);

  const origins = splitList(config.CORS_ORIGINS);
  // Without allowed origins CORS adds nothing; not registering it keeps its hook off every request.
  if (origins.length > 0) {
    await app.register(cors, {
      origin: origins,
      methods: ['GET', 'HEAD'],
      exposedHeaders: ['ETag', 'X-Cache', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  await registerOpenApi(app, {
    info: {
      title: 'mystore catalog API',
      version: API_REVISION,
      description: 'Active products of the shop.',
    },
    tags: [
      { name: 'index', description: 'Where to start: links to the collections and this document.' },
      { name: 'products', description: 'Active products: browse, filter, search, sort, page; one product.' },
      { name: 'categories', description: 'Categories of active products.' },
    ],
    port: config.PORT,
  });
  await registerApi(app, catalogApi, {
    reader,
    currency: config.SHOP_CURRENCY,
    assetBase,
    cacheControl: config.CACHE_CONTROL,
    etagFor: versionEtags(representation),
  });

  const runningSource = source;
  const runningReader = reader;
  app.addHook('onReady', async () => {
    // Replica checks and version polls are not traced (a root trace per poll would bury the requests').
    await untraced(async () => {
      runningSource.start();
      runningReader.startVersionPolling(config.CATALOG_VERSION_REFRESH_MS);
      await refreshSchemaStatus();
    });
  });
  app.addHook('onClose', async () => {
    runningSource.stop();
    runningReader.stop();
    await Promise.all([replica.close(), fallback?.close()]);
  });
  return { app, registry, reader: runningReader, source: runningSource };
}
