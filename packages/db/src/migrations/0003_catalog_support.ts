import type { Kysely } from 'kysely';
import { dialectNameOf } from '../dialect.js';
import { runStatements } from './run-statements.js';

// Frozen once released. What the services need beyond the seed, all with defaults so the seed's
// minimal `INSERT INTO products (name, price) …` still works: row version and SKU, the catalog version
// counter, the audit trail (no foreign key: history outlives a permanent delete), idempotency keys and
// the replication heartbeat.

const mysqlUp = [
  `ALTER TABLE products
    ADD COLUMN version INT UNSIGNED NOT NULL DEFAULT 1,
    ADD COLUMN sku VARCHAR(64) NULL,
    ADD UNIQUE INDEX uq_products_sku (sku)`,
  `CREATE TABLE catalog_version (
    id TINYINT UNSIGNED PRIMARY KEY,
    version BIGINT UNSIGNED NOT NULL DEFAULT 0
  ) ENGINE = InnoDB`,
  'INSERT INTO catalog_version (id, version) VALUES (1, 1)',
  `CREATE TABLE product_audit (
    audit_id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    product_id INT NOT NULL,
    action VARCHAR(32) NOT NULL,
    actor VARCHAR(100) NOT NULL,
    request_id VARCHAR(100) NULL,
    before_json MEDIUMTEXT NULL,
    after_json MEDIUMTEXT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX idx_audit_product (product_id, audit_id)
  ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci`,
  `CREATE TABLE idempotency_keys (
    scope VARCHAR(64) NOT NULL,
    idem_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    request_hash CHAR(64) NOT NULL,
    state VARCHAR(16) NOT NULL,
    status_code SMALLINT NULL,
    response_headers TEXT NULL,
    response_body MEDIUMTEXT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (scope, idem_key),
    INDEX idx_idempotency_created (created_at)
  ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci`,
  `CREATE TABLE heartbeat (
    id TINYINT UNSIGNED PRIMARY KEY,
    beat_at TIMESTAMP(6) NOT NULL
  ) ENGINE = InnoDB`,
];
const mysqlDown = [
  'DROP TABLE heartbeat',
  'DROP TABLE idempotency_keys',
  'DROP TABLE product_audit',
  'DROP TABLE catalog_version',
  'ALTER TABLE products DROP INDEX uq_products_sku, DROP COLUMN sku, DROP COLUMN version',
];

const sqliteUp = [
  'ALTER TABLE products ADD COLUMN version INTEGER NOT NULL DEFAULT 1',
  'ALTER TABLE products ADD COLUMN sku TEXT',
  'CREATE UNIQUE INDEX uq_products_sku ON products (sku)',
  `CREATE TABLE catalog_version (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0
  )`,
  'INSERT INTO catalog_version (id, version) VALUES (1, 1)',
  `CREATE TABLE product_audit (
    audit_id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    request_id TEXT,
    before_json TEXT,
    after_json TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
  )`,
  'CREATE INDEX idx_audit_product ON product_audit (product_id, audit_id)',
  `CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    response_headers TEXT,
    response_body TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (scope, idem_key)
  )`,
  'CREATE INDEX idx_idempotency_created ON idempotency_keys (created_at)',
  `CREATE TABLE heartbeat (
    id INTEGER PRIMARY KEY,
    beat_at TEXT NOT NULL
  )`,
  // The updated_at trigger of 0001 must also see the new columns change.
  'DROP TRIGGER products_updated_at',
  `CREATE TRIGGER products_updated_at AFTER UPDATE ON products
    WHEN NEW.updated_at IS OLD.updated_at AND (
      NEW.name IS NOT OLD.name OR NEW.description IS NOT OLD.description OR
      NEW.price_cents IS NOT OLD.price_cents OR NEW.category IS NOT OLD.category OR
      NEW.stock_quantity IS NOT OLD.stock_quantity OR NEW.image_url IS NOT OLD.image_url OR
      NEW.is_active IS NOT OLD.is_active OR NEW.created_at IS NOT OLD.created_at OR
      NEW.version IS NOT OLD.version OR NEW.sku IS NOT OLD.sku)
    BEGIN
      UPDATE products SET updated_at = CURRENT_TIMESTAMP WHERE product_id = NEW.product_id;
    END`,
];
const sqliteDown = [
  'DROP TABLE heartbeat',
  'DROP TABLE idempotency_keys',
  'DROP TABLE product_audit',
  'DROP TABLE catalog_version',
  'DROP TRIGGER products_updated_at',
  `CREATE TRIGGER products_updated_at AFTER UPDATE ON products
    WHEN NEW.updated_at IS OLD.updated_at AND (
      NEW.name IS NOT OLD.name OR NEW.description IS NOT OLD.description OR
      NEW.price_cents IS NOT OLD.price_cents OR NEW.category IS NOT OLD.category OR
      NEW.stock_quantity IS NOT OLD.stock_quantity OR NEW.image_url IS NOT OLD.image_url OR
      NEW.is_active IS NOT OLD.is_active OR NEW.created_at IS NOT OLD.created_at)
    BEGIN
      UPDATE products SET updated_at = CURRENT_TIMESTAMP WHERE product_id = NEW.product_id;
    END`,
  'DROP INDEX uq_products_sku',
  'ALTER TABLE products DROP COLUMN sku',
  'ALTER TABLE products DROP COLUMN version',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, dialectNameOf(db) === 'mysql' ? mysqlUp : sqliteUp);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, dialectNameOf(db) === 'mysql' ? mysqlDown : sqliteDown);
}
