import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import {
  createMetricsRegistry,
  createService,
  registerApi,
  registerOpenApi,
  splitList,
} from '@mystore/service-kernel';
import catalogReading from './catalog-reading.js';
import type { CatalogReadConfig } from './config.js';
import { createCatalogMetrics } from './metrics.js';
import { versionEtags } from './routes/answer.js';
import { catalogApi } from './routes/index.js';

export interface BuildOptions {
  /** false silences logs (tests); a stream receives the JSON lines. */
  readonly logger?: false | { write(line: string): void };
  /** How often replica health and lag are checked (default 1000 ms). */
  readonly sourceCheckIntervalMs?: number;
}

/** Revision of the public JSON shape; part of every ETag. */
const API_REVISION = '1';

/**
 * catalog-read: the public catalog API on the replica, with an optional fallback to the primary, an
 * in-process response cache keyed by catalog version, and HTTP revalidation.
 */
export async function buildCatalogRead(config: CatalogReadConfig, options: BuildOptions = {}) {
  const registry = createMetricsRegistry();
  const metrics = createCatalogMetrics(registry);
  const app = await createService({
    service: 'catalog-read',
    config,
    registry,
    logger: options.logger,
    readiness: (server) => server.catalog.readiness(),
  });
  await app.register(catalogReading, {
    config,
    metrics,
    sourceCheckIntervalMs: options.sourceCheckIntervalMs,
  });

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
    reader: app.catalog.reader,
    currency: config.SHOP_CURRENCY,
    assetBase,
    cacheControl: config.CACHE_CONTROL,
    etagFor: versionEtags(representation),
  });
  return { app, registry, reader: app.catalog.reader, source: app.catalog.source };
}
