export { type AuditEntry, type AuditRecord, appendAudit, listAudit } from './audit.js';
export { bumpCatalogVersion, readCatalogVersion } from './catalog-version.js';
export {
  assertDatabaseFileExists,
  type DatabaseHandle,
  type OpenDatabaseOptions,
  openDatabase,
} from './connect.js';
export { type SqlDialect, sqlDialect } from './dialect.js';
export {
  DatabaseUnavailableError,
  explainConnectionError,
  isDuplicateKeyError,
  isUnavailableError,
} from './errors.js';
export {
  computeReplicaLag,
  HEARTBEAT_INTERVAL_MS,
  type HeartbeatReading,
  type HeartbeatWriter,
  measureReplicaLag,
  type ReplicaLag,
  readHeartbeat,
  startHeartbeatWriter,
} from './heartbeat.js';
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  IDEMPOTENCY_TTL_HOURS,
  type IdempotencyClaim,
  purgeIdempotencyKeys,
  releaseIdempotencyKey,
  type StoredResponse,
} from './idempotency.js';
export {
  DEFAULT_DATA_DIR,
  LOCAL_ADMIN_TOKEN_FILE,
  type LocalAdminToken,
  localAdminToken,
} from './local-data.js';
export { migrations } from './migrations/index.js';
export {
  MigrationError,
  migrateDownOne,
  migrateToLatest,
  type SchemaStatus,
  schemaStatus,
} from './migrator.js';
export { centsToDecimal, decimalToCents, isValidPrice, MAX_PRICE, normalizeDecimal } from './money.js';
export { PoolAcquireTimeoutError, type PoolStats } from './mysql-pool.js';
export { findProductsByIds, findProductsBySkus } from './product-lookup.js';
export { listProductPage, type PageRequest, type ProductPageWithTotal } from './product-page.js';
export { streamProducts } from './product-stream.js';
export {
  adjustStock,
  countProducts,
  deleteProduct,
  getProduct,
  insertProduct,
  type KeysetPosition,
  keysetPositionOf,
  type ListProductsOptions,
  listCategories,
  listProducts,
  MAX_STOCK,
  PRODUCT_SORTS,
  type ProductFilter,
  type ProductInput,
  type ProductPage,
  type ProductRecord,
  type ProductSort,
  type Queryable,
  updateProduct,
} from './products.js';
export type { Database } from './schema.js';
export { MAX_TERMS, MIN_TERM_LENGTH, searchTerms } from './search.js';
export { SEED_CATEGORIES, type SeedProduct, seedCatalog, seedProducts } from './seed/index.js';
export { readSnapshot } from './snapshot.js';
export { toIsoUtc } from './time.js';
export {
  type DatabaseTarget,
  DatabaseUrlError,
  describeTarget,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from './url.js';
