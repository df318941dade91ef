import type { Migration } from 'kysely';
import * as products from './0001_products.js';
import * as searchIndexes from './0002_search_indexes.js';
import * as catalogSupport from './0003_catalog_support.js';

/**
 * Every migration, in order. Released entries are frozen: change the schema by appending a new one.
 * Within a release migrations only add; destructive steps ship one release later.
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_products': products,
  '0002_search_indexes': searchIndexes,
  '0003_catalog_support': catalogSupport,
});
