import type { Kysely } from 'kysely';
import { dialectNameOf } from '../dialect.js';
import { runStatements } from './run-statements.js';

// Frozen once released. The seed's table, exactly (on SQLite: integer cents and NOCASE sorting).

const mysqlUp = [
  `CREATE TABLE products (
    product_id INT PRIMARY KEY AUTO_INCREMENT,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    price DECIMAL(10, 2) NOT NULL,
    category VARCHAR(100),
    stock_quantity INT DEFAULT 0,
    image_url VARCHAR(500),
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    is_active BOOLEAN DEFAULT TRUE,
    INDEX idx_category (category),
    INDEX idx_active (is_active)
  ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci`,
];

const sqliteUp = [
  `CREATE TABLE products (
    product_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE,
    description TEXT,
    price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 0 AND 9999999999),
    price TEXT GENERATED ALWAYS AS (printf('%d.%02d', price_cents / 100, price_cents % 100)) VIRTUAL,
    category TEXT COLLATE NOCASE,
    stock_quantity INTEGER DEFAULT 0,
    image_url TEXT,
    created_at TEXT DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
    is_active INTEGER DEFAULT 1
  )`,
  'CREATE INDEX idx_category ON products (category)',
  'CREATE INDEX idx_active ON products (is_active)',
  // MySQL's ON UPDATE CURRENT_TIMESTAMP: only when a value really changes and updated_at was not set.
  `CREATE TRIGGER products_updated_at AFTER UPDATE ON products
    WHEN NEW.updated_at IS OLD.updated_at AND (
      NEW.name IS NOT OLD.name OR NEW.description IS NOT OLD.description OR
      NEW.price_cents IS NOT OLD.price_cents OR NEW.category IS NOT OLD.category OR
      NEW.stock_quantity IS NOT OLD.stock_quantity OR NEW.image_url IS NOT OLD.image_url OR
      NEW.is_active IS NOT OLD.is_active OR NEW.created_at IS NOT OLD.created_at)
    BEGIN
      UPDATE products SET updated_at = CURRENT_TIMESTAMP WHERE product_id = NEW.product_id;
    END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, dialectNameOf(db) === 'mysql' ? mysqlUp : sqliteUp);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE products']);
}
