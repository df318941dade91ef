import { COMMON_ENV } from './env.js';

/**
 * What a service and its manifests must agree on. `port` is the HTTP port both locally and in a pod;
 * `localMetricsPort` is the metrics port of the one-machine run (in a pod it is KUBERNETES_METRICS_PORT).
 * `env` lists every variable the service reads; `secretEnv` those that hold secrets.
 */
export interface ServiceContract<Name extends string = string, Env extends string = string> {
  readonly name: Name;
  readonly port: number;
  readonly localMetricsPort: number;
  readonly env: readonly Env[];
  readonly secretEnv: readonly Env[];
}

function contract<const Name extends string, const Own extends string>(
  name: Name,
  port: number,
  localMetricsPort: number,
  own: readonly Own[],
  secretEnv: readonly NoInfer<Own>[],
): ServiceContract<Name, (typeof COMMON_ENV)[number] | Own> {
  return { name, port, localMetricsPort, env: [...COMMON_ENV, ...own], secretEnv };
}

export const catalogRead = contract(
  'catalog-read',
  8080,
  9464,
  [
    'DATABASE_URL',
    'FALLBACK_DATABASE_URL',
    'DATA_DIR',
    'MAX_REPLICA_LAG_SECONDS',
    'CATALOG_VERSION_REFRESH_MS',
    'CACHE_MAX_BYTES',
    'CACHE_CONTROL',
    'CORS_ORIGINS',
    'SHOP_CURRENCY',
    'PUBLIC_ASSET_BASE_URL',
    'DB_QUERY_TIMEOUT_MS',
    'DB_POOL_SIZE',
  ],
  ['DATABASE_URL', 'FALLBACK_DATABASE_URL'],
);

export const adminWrite = contract(
  'admin-write',
  8081,
  9465,
  [
    'DATABASE_URL',
    'DATA_DIR',
    'ADMIN_TOKENS',
    'SHOP_CURRENCY',
    'AUTH_FAILURES_PER_MINUTE',
    'BODY_LIMIT_BYTES',
    'IMPORT_LIMIT_BYTES',
    'DB_QUERY_TIMEOUT_MS',
    'DB_POOL_SIZE',
    'HEARTBEAT_INTERVAL_MS',
  ],
  ['DATABASE_URL', 'ADMIN_TOKENS'],
);

export const catalogWeb = contract(
  'catalog-web',
  3000,
  9466,
  [
    'CATALOG_API_URL',
    'PUBLIC_BASE_URL',
    'SHOP_CURRENCY',
    'SHOP_LOCALE',
    'SHOP_NAME',
    'CATALOG_API_TIMEOUT_MS',
    'CATALOG_API_CONNECTIONS',
    'PAGE_CACHE_MAX_BYTES',
    'PAGE_CACHE_CONTROL',
  ],
  [],
);

export const adminWeb = contract(
  'admin-web',
  3001,
  9467,
  [
    'ADMIN_API_URL',
    'ADMIN_API_TOKEN',
    'ADMIN_API_TIMEOUT_MS',
    'ADMIN_API_IMPORT_TIMEOUT_MS',
    'ADMIN_PASSWORD_HASH',
    'SESSION_SECRET',
    'SESSION_COOKIE_SECURE',
    'SESSION_IDLE_MINUTES',
    'SESSION_MAX_HOURS',
    'SIGN_IN_ATTEMPTS_PER_MINUTE',
    'LOW_STOCK_THRESHOLD',
    'PAGE_SIZE',
    'IMPORT_LIMIT_BYTES',
    'SHOP_CURRENCY',
  ],
  ['ADMIN_API_TOKEN', 'ADMIN_PASSWORD_HASH', 'SESSION_SECRET'],
);

/** The four services, in the order data flows from the browser to the database. */
export const SERVICES = [catalogWeb, adminWeb, catalogRead, adminWrite] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];
