import { openDatabase, purgeIdempotencyKeys, schemaStatus, startHeartbeatWriter } from '@mystore/db';
import {
  createMetricsRegistry,
  createService,
  registerApi,
  registerOpenApi,
  untraced,
} from '@mystore/service-kernel';
import type { Kysely } from 'kysely';
import type { AdminWriteConfig } from './config.js';
import { createAdminMetrics } from './metrics.js';
import { adminApi } from './routes/index.js';

export interface BuildOptions {
  /** false silences logs (tests); a stream receives the JSON lines. */
  readonly logger?: false | { write(line: string): void };
  /** Tests that measure lag themselves turn the heartbeat off. */
  readonly heartbeat?: boolean;
}

const PURGE_INTERVAL_MS = 3_600_000;

/** admin-write: the shop owner's API, writing only to the primary. */
export async function buildAdminWrite(config: AdminWriteConfig, options: BuildOptions = {}) {
  const registry = createMetricsRegistry();
  const metrics = createAdminMetrics(registry);
  const target = config.DATABASE_URL.startsWith('sqlite:') ? 'sqlite' : 'primary';
  const handle = await openDatabase(config.DATABASE_URL, {
    dataDir: config.DATA_DIR,
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
    connectionLimit: config.DB_POOL_SIZE,
    log: metrics.queryLogger(target),
  });
  metrics.trackPool(target, handle, target === 'sqlite' ? 1 : config.DB_POOL_SIZE);

  let schemaUpToDate = false;
  let databaseReachable = false;
  const app = await createService({
    service: 'admin-write',
    config,
    registry,
    logger: options.logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: async () => {
      databaseReachable = await handle.verify(1000).then(
        () => true,
        () => false,
      );
      // A server that refuses writes (a replica, a primary during failover) cannot serve this API.
      const writable =
        databaseReachable && (await handle.dialect.acceptsWrites(handle.db).catch(() => false));
      if (databaseReachable && !schemaUpToDate) {
        schemaUpToDate = await schemaStatus(handle.db as Kysely<unknown>)
          .then((status) => status.upToDate)
          .catch(() => false);
      }
      return {
        ready: writable && schemaUpToDate,
        checks: {
          database: writable ? 'ok' : databaseReachable ? 'read-only' : 'unreachable',
          schema: schemaUpToDate ? 'ok' : 'not migrated',
        },
      };
    },
  });

  await registerOpenApi(app, {
    info: { title: 'mystore admin API', version: '1', description: "The shop owner's catalog API." },
    tags: [
      { name: 'index', description: 'Where to start: links to the collections and this document.' },
      { name: 'products', description: 'Products, inactive ones included: read, create, change, remove.' },
      { name: 'stock', description: 'Stock changes by a delta.' },
      { name: 'import-export', description: 'The whole catalog as CSV, and bulk imports from CSV or JSON.' },
    ],
    port: config.PORT,
    bearerAuth: 'A token from ADMIN_TOKENS.',
  });
  await registerApi(app, adminApi, {
    handle,
    metrics,
    currency: config.SHOP_CURRENCY,
    importLimitBytes: config.IMPORT_LIMIT_BYTES,
    tokens: config.tokens,
    failuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
  });

  let heartbeat: ReturnType<typeof startHeartbeatWriter> | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    // Background writes are not traced (a root trace per heartbeat would bury the requests' traces).
    untraced(() => {
      if (options.heartbeat !== false) {
        heartbeat = startHeartbeatWriter(handle.db, {
          intervalMs: config.HEARTBEAT_INTERVAL_MS,
          onError: (error) => app.log.warn({ err: error }, 'heartbeat write failed'),
        });
      }
      const purge = () =>
        purgeIdempotencyKeys(handle.db).catch((error: unknown) =>
          app.log.warn({ err: error }, 'idempotency key purge failed'),
        );
      purgeTimer = setInterval(purge, PURGE_INTERVAL_MS).unref();
    });
  });
  app.addHook('onClose', async () => {
    clearInterval(purgeTimer);
    await heartbeat?.stop();
    await handle.close();
  });
  return { app, registry, handle };
}
