import { sql } from 'kysely';
import type { Queryable } from './products.js';

/** The catalog version: bumped with every write, so readers can key caches and ETags on it. */
export async function readCatalogVersion(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('catalog_version')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/** Call inside the transaction of every catalog write. */
export async function bumpCatalogVersion(db: Queryable): Promise<void> {
  await db.updateTable('catalog_version').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
}
