import { catalogRead, catalogWeb } from '@mystore/service-contract';
import { commonConfigSchema, listenerConfigSchema, loadConfig } from '@mystore/service-kernel';
import { type Static, Type } from 'typebox';

const HTTP_URL = '^https?://[^\\s/?#]+/?$';

export const catalogWebConfigSchema = {
  ...commonConfigSchema,
  ...listenerConfigSchema(catalogWeb),
  /** catalog-read's base URL (scheme, host and port only); by default the local one. */
  CATALOG_API_URL: Type.String({ pattern: HTTP_URL, default: `http://127.0.0.1:${catalogRead.port}` }),
  /** The storefront's own public URL: canonical links, the sitemap, and images it serves itself. */
  PUBLIC_BASE_URL: Type.String({ pattern: HTTP_URL, default: `http://localhost:${catalogWeb.port}` }),
  SHOP_CURRENCY: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
  /** BCP 47 locale for prices and counts. */
  SHOP_LOCALE: Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', default: 'en-US' }),
  SHOP_NAME: Type.String({ minLength: 1, maxLength: 60, default: 'mystore' }),
  /** Whole deadline of one call to catalog-read (connect, headers and body). */
  CATALOG_API_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2000 }),
  /** Keep-alive connections to catalog-read per pod. */
  CATALOG_API_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 256, default: 32 }),
  /** Bound of the in-memory copies of API answers and rendered pages (revalidated on every use). */
  PAGE_CACHE_MAX_BYTES: Type.Integer({ minimum: 0, default: 32 * 1024 * 1024 }),
  /** Cache-Control of product and listing pages; each also carries an ETag. */
  PAGE_CACHE_CONTROL: Type.String({
    minLength: 1,
    default: 'public, max-age=5, stale-while-revalidate=30',
  }),
};

export type CatalogWebConfig = Readonly<
  Static<ReturnType<typeof Type.Object<typeof catalogWebConfigSchema>>>
>;

export function loadCatalogWebConfig(env: NodeJS.ProcessEnv = process.env): CatalogWebConfig {
  return loadConfig(catalogWebConfigSchema, env);
}
