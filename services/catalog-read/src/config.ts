import { catalogRead } from '@mystore/service-contract';
import { commonConfigSchema, listenerConfigSchema, loadConfig } from '@mystore/service-kernel';
import { type Static, Type } from 'typebox';

export const catalogReadConfigSchema = {
  ...commonConfigSchema,
  ...listenerConfigSchema(catalogRead),
  /** The replica, with a read-only user (or the embedded SQLite file in DATA_DIR, opened read-only). */
  DATABASE_URL: Type.String({ minLength: 1, default: 'sqlite:catalog.db' }),
  /** The primary, for failover reads when the replica is down or lags. */
  FALLBACK_DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  MAX_REPLICA_LAG_SECONDS: Type.Number({ exclusiveMinimum: 0, default: 5 }),
  CATALOG_VERSION_REFRESH_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 500 }),
  /** 0 disables the response cache (benchmarks compare with it off). */
  CACHE_MAX_BYTES: Type.Integer({ minimum: 0, default: 64 * 1024 * 1024 }),
  CACHE_CONTROL: Type.String({
    minLength: 1,
    default: 'public, max-age=5, stale-while-revalidate=30, stale-if-error=600',
  }),
  /** Comma-separated browser origins allowed by CORS (none by default). */
  CORS_ORIGINS: Type.String({ default: '' }),
  SHOP_CURRENCY: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
  /** Base URL that root-relative image paths resolve against: the storefront's URL (local: port 3000). */
  PUBLIC_ASSET_BASE_URL: Type.String({ pattern: '^https?://[^\\s]+$', default: 'http://localhost:3000' }),
  /** Per-query deadline against the database. */
  DB_QUERY_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 2000 }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
};

export type CatalogReadConfig = Readonly<
  Static<ReturnType<typeof Type.Object<typeof catalogReadConfigSchema>>>
>;

export function loadCatalogReadConfig(env: NodeJS.ProcessEnv = process.env): CatalogReadConfig {
  return loadConfig(catalogReadConfigSchema, env);
}
