import { type DatabaseHandle, openDatabase, schemaStatus } from '@mystore/db';
import type { ReadinessReport } from '@mystore/service-kernel';
import { untraced } from '@mystore/service-kernel';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { CatalogReader } from './catalog-reader.js';
import type { CatalogReadConfig } from './config.js';
import type { CatalogMetrics, DbTarget } from './metrics.js';
import { ReadSource } from './read-source.js';
import { ResponseCache } from './response-cache.js';

/** What reads the catalog: the database source (replica, fallback) and the cached reader on top. */
export interface CatalogReading {
  readonly source: ReadSource;
  readonly reader: CatalogReader;
  readiness(): Promise<ReadinessReport>;
}

declare module 'fastify' {
  interface FastifyInstance {
    catalog: CatalogReading;
  }
}

export interface CatalogReadingOptions {
  readonly config: CatalogReadConfig;
  readonly metrics: CatalogMetrics;
  /** How often replica health and lag are checked (default 1000 ms). */
  readonly sourceCheckIntervalMs?: number;
}

async function openTarget(url: string, target: Exclude<DbTarget, 'sqlite'>, options: CatalogReadingOptions) {
  const { config, metrics } = options;
  const sqlite = url.startsWith('sqlite:');
  const label = sqlite ? 'sqlite' : target;
  const handle = await openDatabase(url, {
    dataDir: config.DATA_DIR,
    readOnly: sqlite,
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
    connectionLimit: config.DB_POOL_SIZE,
    log: metrics.queryLogger(label),
  });
  metrics.trackPool(label, handle, sqlite ? 1 : config.DB_POOL_SIZE);
  return handle;
}

/**
 * Opens the replica (and the fallback, if configured), decorates the app with `catalog`, starts replica
 * checks and version polling when the app is ready, and closes everything with the app.
 */
async function catalogReading(app: FastifyInstance, options: CatalogReadingOptions): Promise<void> {
  const { config, metrics } = options;
  const replica = await openTarget(config.DATABASE_URL, 'replica', options);
  let fallback: DatabaseHandle | undefined;
  if (config.FALLBACK_DATABASE_URL) {
    fallback = await openTarget(config.FALLBACK_DATABASE_URL, 'fallback', options).catch(async (error) => {
      await replica.close();
      throw error;
    });
  }
  const source = new ReadSource({
    replica,
    fallback,
    maxLagSeconds: config.MAX_REPLICA_LAG_SECONDS,
    metrics,
    log: app.log,
    checkIntervalMs: options.sourceCheckIntervalMs,
  });
  const cache = config.CACHE_MAX_BYTES > 0 ? new ResponseCache(config.CACHE_MAX_BYTES) : undefined;
  const reader = new CatalogReader(source, cache, metrics, app.log);

  // Once migrated, always migrated: the schema is checked until it is up to date, then no more.
  let schemaUpToDate = false;
  const checkSchema = async () => {
    schemaUpToDate ||= await source
      .read((db) => schemaStatus(db as Kysely<unknown>))
      .then((status) => status.upToDate)
      .catch(() => false);
  };

  app.decorate('catalog', {
    source,
    reader,
    async readiness(): Promise<ReadinessReport> {
      await checkSchema();
      const database = source.healthy;
      const cached = reader.cachedEntries > 0;
      return {
        ready: schemaUpToDate && (database || cached),
        checks: {
          database: database ? (source.usingFallback ? 'fallback' : 'ok') : 'unreachable',
          cache: cached ? 'warm' : 'empty',
          schema: schemaUpToDate ? 'ok' : 'not migrated',
        },
      };
    },
  });
  app.addHook('onReady', async () => {
    // Replica checks and version polls are not traced (a root trace per poll would bury the requests').
    await untraced(async () => {
      source.start();
      reader.startVersionPolling(config.CATALOG_VERSION_REFRESH_MS);
      await checkSchema();
    });
  });
  app.addHook('onClose', async () => {
    source.stop();
    reader.stopVersionPolling();
    await Promise.all([replica.close(), fallback?.close()]);
  });
}

export default fp(catalogReading, { name: 'catalog-reading' });
