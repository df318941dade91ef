import { createHash } from 'node:crypto';
import compress from '@fastify/compress';
import { createMetricsRegistry, createService, registerApi } from '@mystore/service-kernel';
import { buildAssetManifest } from './assets/manifest.js';
import { CatalogApi } from './catalog-api/client.js';
import type { CatalogWebConfig } from './config.js';
import { createWebMetrics } from './metrics.js';
import { PageCache } from './page-cache.js';
import { storefront } from './routes/index.js';
import { STOREFRONT_HELMET_OPTIONS } from './security-policy.js';
import type { Shop } from './shop.js';

export interface BuildOptions {
  /** false silences logs (tests); a stream receives the JSON lines. */
  readonly logger?: false | { write(line: string): void };
}

/** Revision of the page markup; part of every page's ETag along with the assets and settings. */
const MARKUP_REVISION = '1';

/**
 * catalog-web: the storefront. Server-rendered pages from catalog-read's public API (over HTTP, with
 * conditional requests), the product images of the seed catalog, and fingerprinted assets.
 */
export async function buildCatalogWeb(config: CatalogWebConfig, options: BuildOptions = {}) {
  const registry = createMetricsRegistry();
  const metrics = createWebMetrics(registry);
  const assets = buildAssetManifest();
  const shop: Shop = {
    name: config.SHOP_NAME,
    currency: config.SHOP_CURRENCY,
    locale: config.SHOP_LOCALE,
    baseUrl: new URL(config.PUBLIC_BASE_URL),
    assets: assets.urls,
  };
  const api = new CatalogApi({
    baseUrl: config.CATALOG_API_URL,
    timeoutMs: config.CATALOG_API_TIMEOUT_MS,
    connections: config.CATALOG_API_CONNECTIONS,
    cacheMaxBytes: Math.floor(config.PAGE_CACHE_MAX_BYTES / 2),
    metrics,
  });
  // Whatever shapes a page besides the data: markup, assets, shop settings.
  const revision = createHash('sha256')
    .update(
      `${MARKUP_REVISION}|${assets.revision}|${JSON.stringify({ ...shop, baseUrl: shop.baseUrl.href })}`,
    )
    .digest('hex')
    .slice(0, 16);
  const pages = new PageCache(Math.floor(config.PAGE_CACHE_MAX_BYTES / 2), revision, metrics);

  const app = await createService({
    service: 'catalog-web',
    config,
    registry,
    logger: options.logger,
    helmet: STOREFRONT_HELMET_OPTIONS,
    // Marketing links carry utm_source, gclid, fbclid…: pages ignore what they do not read.
    unknownQueryParameters: 'ignore',
    // catalog-read being down is the 503 page's business, not a reason to leave the load balancer:
    // every pod would leave at once and customers would get the ingress's error instead.
    readiness: () => ({ ready: true, checks: {} }),
  });
  app.addHook('onClose', () => api.close());
  await app.register(compress, { global: true, encodings: ['br', 'gzip'] });
  await registerApi(app, storefront, {
    api,
    shop,
    pages,
    assets,
    pageCacheControl: config.PAGE_CACHE_CONTROL,
  });
  return { app, registry, api };
}
