import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import { dialectNameOf, type SqlDialect, sqlDialect } from './dialect.js';
import type { Database } from './schema.js';
import { searchTerms } from './search.js';
import { toIsoUtc } from './time.js';

/** A Kysely instance or an open transaction: every query function takes one first. */
export type Queryable = Kysely<Database> | Transaction<Database>;

/** A product as the data layer returns it: exact price string, ISO timestamps, booleans. */
export interface ProductRecord {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly price: string;
  readonly category: string | null;
  readonly stock_quantity: number;
  readonly image_url: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly is_active: boolean;
  readonly version: number;
  readonly sku: string | null;
}

/** Writable fields (already validated by the caller). */
export interface ProductInput {
  readonly name: string;
  readonly description?: string | null;
  readonly price: string;
  readonly category?: string | null;
  readonly stock_quantity?: number;
  readonly image_url?: string | null;
  readonly is_active?: boolean;
  readonly sku?: string | null;
}

export interface ProductFilter {
  readonly category?: string;
  /** Free text; tokenized by `searchTerms`. Text with no searchable word matches nothing. */
  readonly q?: string;
  readonly minPrice?: string;
  readonly maxPrice?: string;
  readonly inStock?: boolean;
  /** true/false: only active/inactive; undefined: both (admin). Public callers pass true. */
  readonly isActive?: boolean;
}

export type ProductSort = 'name' | 'price' | '-price' | 'newest';
export const PRODUCT_SORTS: readonly ProductSort[] = ['name', 'price', '-price', 'newest'];

/** Where a page starts: the sort key and id of the row just outside it. */
export interface KeysetPosition {
  readonly value: string;
  readonly id: number;
}

export interface ListProductsOptions {
  readonly filter: ProductFilter;
  readonly sort: ProductSort;
  readonly limit: number;
  /** Rows after this position (next page) or before it (previous page), in display order either way. */
  readonly after?: KeysetPosition;
  readonly before?: KeysetPosition;
}

export interface ProductPage {
  readonly items: ProductRecord[];
  /** More rows exist beyond this page in the direction travelled (after: later; before: earlier). */
  readonly more: boolean;
}

export const productColumns = [
  'products.product_id',
  'products.name',
  'products.description',
  'products.price',
  'products.category',
  'products.stock_quantity',
  'products.image_url',
  'products.created_at',
  'products.updated_at',
  'products.is_active',
  'products.version',
  'products.sku',
] as const;

type ProductRow = {
  product_id: number;
  name: string;
  description: string | null;
  price: string;
  category: string | null;
  stock_quantity: number | null;
  image_url: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  is_active: number | null;
  version: number;
  sku: string | null;
};

export function toRecord(row: ProductRow): ProductRecord {
  return {
    id: row.product_id,
    name: row.name,
    description: row.description,
    price: row.price,
    category: row.category,
    // The seed's columns allow NULL; the services always write values.
    stock_quantity: row.stock_quantity ?? 0,
    image_url: row.image_url,
    created_at: toIsoUtc(row.created_at),
    updated_at: toIsoUtc(row.updated_at),
    is_active: Boolean(row.is_active),
    version: row.version,
    sku: row.sku,
  };
}

function dialectOf(db: Queryable): SqlDialect {
  return sqlDialect(dialectNameOf(db as Kysely<unknown>));
}

export async function getProduct(
  db: Queryable,
  id: number,
  options: { readonly activeOnly?: boolean; readonly forUpdate?: boolean } = {},
): Promise<ProductRecord | undefined> {
  let query = db.selectFrom('products').select(productColumns).where('products.product_id', '=', id);
  if (options.activeOnly) query = query.where('products.is_active', '=', 1);
  if (options.forUpdate && dialectOf(db).locksRows) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Inserts one product; returns its id. */
export async function insertProduct(db: Queryable, input: ProductInput): Promise<number> {
  const dialect = dialectOf(db);
  const result = await db
    .insertInto('products')
    .values({
      name: input.name,
      description: input.description ?? null,
      ...dialect.priceValues(input.price),
      category: input.category ?? null,
      stock_quantity: input.stock_quantity ?? 0,
      image_url: input.image_url ?? null,
      is_active: input.is_active === false ? 0 : 1,
      sku: input.sku ?? null,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/**
 * Sets the given fields and bumps the row version. With `ifVersion`, only when the row still has that
 * version. Returns whether a row was updated.
 */
export async function updateProduct(
  db: Queryable,
  id: number,
  changes: Partial<ProductInput>,
  options: { readonly ifVersion?: number } = {},
): Promise<boolean> {
  const dialect = dialectOf(db);
  const { price, is_active, ...plain } = changes;
  let query = db
    .updateTable('products')
    .set((eb) => ({
      ...plain,
      ...(price === undefined ? {} : dialect.priceValues(price)),
      ...(is_active === undefined ? {} : { is_active: is_active ? 1 : 0 }),
      version: eb('products.version', '+', 1),
    }))
    .where('products.product_id', '=', id);
  if (options.ifVersion !== undefined) query = query.where('products.version', '=', options.ifVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const MAX_STOCK = 2_147_483_647;

/**
 * Changes stock by `delta` in one statement, only if the result stays within 0..MAX_STOCK, and bumps
 * the row version. Returns whether the row changed (false: unknown id or out of range).
 */
export async function adjustStock(db: Queryable, id: number, delta: number): Promise<boolean> {
  const result = await db
    .updateTable('products')
    .set((eb) => ({
      stock_quantity: eb(eb.fn.coalesce('products.stock_quantity', eb.lit(0)), '+', delta),
      version: eb('products.version', '+', 1),
    }))
    .where('products.product_id', '=', id)
    .where((eb) =>
      eb.between(eb(eb.fn.coalesce('products.stock_quantity', eb.lit(0)), '+', delta), 0, MAX_STOCK),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes the row for good (the audit trail keeps its history). */
export async function deleteProduct(db: Queryable, id: number): Promise<boolean> {
  const result = await db.deleteFrom('products').where('products.product_id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

function filterCondition(
  eb: ExpressionBuilder<Database, 'products'>,
  dialect: SqlDialect,
  filter: ProductFilter,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.isActive !== undefined) conditions.push(eb('products.is_active', '=', filter.isActive ? 1 : 0));
  if (filter.category !== undefined) conditions.push(eb('products.category', '=', filter.category));
  if (filter.minPrice !== undefined) conditions.push(dialect.priceCompare(eb, '>=', filter.minPrice));
  if (filter.maxPrice !== undefined) conditions.push(dialect.priceCompare(eb, '<=', filter.maxPrice));
  if (filter.inStock) conditions.push(eb('products.stock_quantity', '>', 0));
  if (filter.q !== undefined) {
    const terms = searchTerms(filter.q);
    conditions.push(terms.length > 0 ? dialect.matchesAllTerms(eb, terms) : eb.lit(false));
  }
  return eb.and(conditions);
}

/** The sort column and direction of each order; ties are broken by id in the same pass. */
function sortSpec(dialect: SqlDialect, sort: ProductSort) {
  switch (sort) {
    case 'name':
      return { column: 'products.name', descending: false, idDescending: false } as const;
    case 'price':
      return { column: dialect.priceSortColumn, descending: false, idDescending: false } as const;
    case '-price':
      return { column: dialect.priceSortColumn, descending: true, idDescending: false } as const;
    case 'newest':
      return { column: 'products.created_at', descending: true, idDescending: true } as const;
  }
}

/** The keyset position of a row under a sort order, for cursors. */
export function keysetPositionOf(record: ProductRecord, sort: ProductSort): KeysetPosition {
  switch (sort) {
    case 'name':
      return { value: record.name, id: record.id };
    case 'price':
    case '-price':
      return { value: record.price, id: record.id };
    case 'newest':
      // The databases' own text form of a TIMESTAMP: compares correctly on both dialects.
      return { value: record.created_at.slice(0, 19).replace('T', ' '), id: record.id };
  }
}

/** One page of products in keyset order (never OFFSET). */
export async function listProducts(db: Queryable, options: ListProductsOptions): Promise<ProductPage> {
  const dialect = dialectOf(db);
  const spec = sortSpec(dialect, options.sort);
  const backwards = options.before !== undefined;
  const position = options.before ?? options.after;
  // Walking backwards reads the reversed order from the position, then flips the page.
  const descending = spec.descending !== backwards;
  const idDescending = spec.idDescending !== backwards;

  let query = db
    .selectFrom('products')
    .select(productColumns)
    .where((eb) => filterCondition(eb, dialect, options.filter));
  if (position) {
    const value =
      spec.column === dialect.priceSortColumn ? dialect.priceLiteral(position.value) : position.value;
    query = query.where((eb) =>
      eb.or([
        eb(spec.column, descending ? '<' : '>', value),
        eb.and([
          eb(spec.column, '=', value),
          eb('products.product_id', idDescending ? '<' : '>', position.id),
        ]),
      ]),
    );
  }
  const rows = await query
    .orderBy(spec.column, descending ? 'desc' : 'asc')
    .orderBy('products.product_id', idDescending ? 'desc' : 'asc')
    .limit(options.limit + 1)
    .execute();
  const more = rows.length > options.limit;
  const items = rows.slice(0, options.limit).map(toRecord);
  if (backwards) items.reverse();
  return { items, more };
}

/** How many products match the filter (the whole result, not one page). */
export async function countProducts(db: Queryable, filter: ProductFilter): Promise<number> {
  const dialect = dialectOf(db);
  const row = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where((eb) => filterCondition(eb, dialect, filter))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Categories of active products with their counts, ordered by name. */
export async function listCategories(db: Queryable): Promise<{ name: string; product_count: number }[]> {
  const rows = await db
    .selectFrom('products')
    .select((eb) => ['products.category', eb.fn.countAll<number | string>().as('product_count')])
    .where('products.is_active', '=', 1)
    .where('products.category', 'is not', null)
    .groupBy('products.category')
    .orderBy('products.category')
    .execute();
  return rows.map((row) => ({ name: row.category as string, product_count: Number(row.product_count) }));
}
