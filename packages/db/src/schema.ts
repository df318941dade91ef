import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for every table, in one place. Timestamps are read as `Date` on MySQL (mysql2) and as
 * `'YYYY-MM-DD HH:MM:SS'` UTC text on SQLite; `toIsoUtc` in ./time.ts normalizes both.
 */
type Timestamp = ColumnType<Date | string, never, never>;

export interface ProductsTable {
  product_id: Generated<number>;
  name: string;
  description: string | null;
  /**
   * Exact decimal string ('19.99'). MySQL: the DECIMAL(10,2) column. SQLite: a generated column computed
   * from `price_cents`, so it is read-only there. Write prices only through `SqlDialect.priceValues`.
   */
  price: ColumnType<string, string | undefined, string>;
  /** SQLite only: the stored integer cents. Never referenced outside the dialect module. */
  price_cents: ColumnType<number, number | undefined, number>;
  category: string | null;
  stock_quantity: ColumnType<number, number | undefined, number>;
  image_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** BOOLEAN (TINYINT(1)) on MySQL and INTEGER on SQLite: both read back as 0/1. */
  is_active: ColumnType<number, number | undefined, number>;
  /** Optimistic-concurrency counter, bumped by every write. */
  version: ColumnType<number, number | undefined, number>;
  sku: string | null;
}

/** The one-row catalog version counter (id = 1), bumped in the same transaction as every write. */
export interface CatalogVersionTable {
  id: number;
  version: number;
}

/** Admin change history. No foreign key: history outlives a permanent delete. */
export interface ProductAuditTable {
  audit_id: Generated<number>;
  product_id: number;
  action: string;
  actor: string;
  request_id: string | null;
  /** Our own serialized JSON (no JSON column type: portable SQL). */
  before_json: string | null;
  after_json: string | null;
  created_at: Timestamp;
}

/** Stored responses of POSTs carrying an `Idempotency-Key`, purged after 24 h. */
export interface IdempotencyKeysTable {
  scope: string;
  idem_key: string;
  request_hash: string;
  /** 'running' while the first request is in flight, then 'done'. */
  state: string;
  status_code: number | null;
  response_headers: string | null;
  response_body: string | null;
  created_at: Timestamp;
}

/** One row (id = 1) the primary rewrites every second; replicas' copies tell their lag. */
export interface HeartbeatTable {
  id: number;
  beat_at: Timestamp;
}

export interface Database {
  products: ProductsTable;
  catalog_version: CatalogVersionTable;
  product_audit: ProductAuditTable;
  idempotency_keys: IdempotencyKeysTable;
  heartbeat: HeartbeatTable;
}
