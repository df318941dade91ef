import type { Kysely } from 'kysely';
import { dialectNameOf } from '../dialect.js';
import { runStatements } from './run-statements.js';

// Frozen once released. The seed's Exercise 1: full-text search on name + description, and the
// composite (category, is_active) index for the storefront's category pages.

const mysqlUp = [
  // One FULLTEXT index per ALTER: two at once with ALGORITHM=INPLACE fail (ERROR 1846).
  'ALTER TABLE products ADD FULLTEXT INDEX ft_products_name_description (name, description)',
  'CREATE INDEX idx_category_active ON products (category, is_active)',
];
const mysqlDown = [
  'DROP INDEX idx_category_active ON products',
  'DROP INDEX ft_products_name_description ON products',
];

const sqliteUp = [
  `CREATE VIRTUAL TABLE products_fts USING fts5(
    name, description, content = 'products', content_rowid = 'product_id',
    tokenize = 'unicode61 remove_diacritics 2')`,
  "INSERT INTO products_fts (products_fts) VALUES ('rebuild')",
  `CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, name, description) VALUES (NEW.product_id, NEW.name, NEW.description);
  END`,
  `CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, description)
      VALUES ('delete', OLD.product_id, OLD.name, OLD.description);
  END`,
  `CREATE TRIGGER products_fts_update AFTER UPDATE OF name, description ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, description)
      VALUES ('delete', OLD.product_id, OLD.name, OLD.description);
    INSERT INTO products_fts (rowid, name, description) VALUES (NEW.product_id, NEW.name, NEW.description);
  END`,
  'CREATE INDEX idx_category_active ON products (category, is_active)',
];
const sqliteDown = [
  'DROP INDEX idx_category_active',
  'DROP TRIGGER products_fts_update',
  'DROP TRIGGER products_fts_delete',
  'DROP TRIGGER products_fts_insert',
  'DROP TABLE products_fts',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, dialectNameOf(db) === 'mysql' ? mysqlUp : sqliteUp);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, dialectNameOf(db) === 'mysql' ? mysqlDown : sqliteDown);
}
