import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  SqliteAdapter,
  sql,
} from 'kysely';
import { decimalToCents } from './money.js';
import type { Database } from './schema.js';

/**
 * Everything that differs between MySQL/MariaDB and SQLite, in one module: price storage, search,
 * upserts and the database clock. Query code above this never branches on the dialect.
 */
export interface SqlDialect {
  readonly name: 'mysql' | 'sqlite';
  /** Column assignments that store an exact decimal price ('19.99'). */
  priceValues(price: string): { price: string } | { price_cents: number };
  /** The column that orders and compares prices exactly. */
  readonly priceSortColumn: 'products.price' | 'products.price_cents';
  /** `price <op> value`, compared exactly (never as a double). */
  priceCompare(
    eb: ExpressionBuilder<Database, 'products'>,
    op: '>=' | '<=' | '>' | '<' | '=',
    price: string,
  ): Expression<SqlBool>;
  /** A price literal that compares exactly with `priceSortColumn` (for keyset cursors). */
  priceLiteral(price: string): Expression<string | number>;
  /** Full-text match of every term as a prefix (terms are already tokenized: letters and digits only). */
  matchesAllTerms(eb: ExpressionBuilder<Database, 'products'>, terms: readonly string[]): Expression<SqlBool>;
  /** Starts a read-only transaction whose reads all see one snapshot. */
  readonly beginReadSnapshot: string;
  /** The database's current time with sub-second precision. */
  readonly now: Expression<Date | string>;
  /** Inserts or overwrites the heartbeat row with the database clock. */
  writeHeartbeat(db: Kysely<Database>): Promise<void>;
  /**
   * Whether `SELECT … FOR UPDATE` locks rows for read-modify-write in a transaction. SQLite has no row
   * locks and needs none: it has one writer at a time.
   */
  readonly locksRows: boolean;
  /** False when the server refuses writes as a whole (a MariaDB replica, or a primary during failover). */
  acceptsWrites(db: Kysely<Database>): Promise<boolean>;
}

const mysqlDialect: SqlDialect = {
  name: 'mysql',
  locksRows: true,
  priceValues: (price) => ({ price }),
  priceSortColumn: 'products.price',
  priceCompare: (eb, op, price) => eb('products.price', op, sql<string>`CAST(${price} AS DECIMAL(10,2))`),
  priceLiteral: (price) => sql<string>`CAST(${price} AS DECIMAL(10,2))`,
  matchesAllTerms: (_eb, terms) => {
    // Boolean mode with every term required and prefix-matched; terms hold no operator characters.
    const against = terms.map((term) => `+${term}*`).join(' ');
    return sql<SqlBool>`MATCH (products.name, products.description) AGAINST (${against} IN BOOLEAN MODE)`;
  },
  beginReadSnapshot: 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY',
  now: sql<Date>`CURRENT_TIMESTAMP(6)`,
  writeHeartbeat: async (db) => {
    await sql`INSERT INTO heartbeat (id, beat_at) VALUES (1, CURRENT_TIMESTAMP(6))
              ON DUPLICATE KEY UPDATE beat_at = VALUES(beat_at)`.execute(db);
  },
  acceptsWrites: async (db) => {
    const { rows } = await sql<{ readOnly: number | string }>`SELECT @@global.read_only AS readOnly`.execute(
      db,
    );
    return Number(rows[0]?.readOnly ?? 1) === 0;
  },
};

const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  locksRows: false,
  priceValues: (price) => ({ price_cents: decimalToCents(price) }),
  priceSortColumn: 'products.price_cents',
  priceCompare: (eb, op, price) => eb('products.price_cents', op, decimalToCents(price)),
  priceLiteral: (price) => sql<number>`${decimalToCents(price)}`,
  matchesAllTerms: (eb, terms) => {
    // FTS5: each term quoted (so no word is read as an operator) and prefix-matched; implicit AND.
    const match = terms.map((term) => `"${term}"*`).join(' ');
    return eb(
      'products.product_id',
      'in',
      sql<number>`(SELECT rowid FROM products_fts WHERE products_fts MATCH ${match})`,
    );
  },
  // Deferred: the snapshot starts at the first read and holds until COMMIT (WAL).
  beginReadSnapshot: 'BEGIN',
  now: sql<string>`strftime('%Y-%m-%d %H:%M:%f', 'now')`,
  writeHeartbeat: async (db) => {
    await sql`INSERT INTO heartbeat (id, beat_at) VALUES (1, strftime('%Y-%m-%d %H:%M:%f', 'now'))
              ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`.execute(db);
  },
  // The file is one process's to write; a handle opened read-only is never used for writes.
  acceptsWrites: async () => true,
};

export function sqlDialect(name: 'mysql' | 'sqlite'): SqlDialect {
  return name === 'mysql' ? mysqlDialect : sqliteDialect;
}

/** Which dialect a Kysely instance speaks (used by migrations, which receive only the instance). */
export function dialectNameOf(db: Kysely<unknown>): 'mysql' | 'sqlite' {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'mysql';
}
