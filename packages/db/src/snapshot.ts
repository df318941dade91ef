import { type Kysely, sql } from 'kysely';
import { dialectNameOf, sqlDialect } from './dialect.js';
import type { Database } from './schema.js';

/**
 * Runs `read` in one read-only transaction on one connection, so everything it reads (say, the catalog
 * version and a page of products) comes from one snapshot. One statement opens it: no extra round trip.
 */
export async function readSnapshot<T>(
  db: Kysely<Database>,
  read: (snapshot: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const begin = sqlDialect(dialectNameOf(db as Kysely<unknown>)).beginReadSnapshot;
  return db.connection().execute(async (connection) => {
    await sql.raw(begin).execute(connection);
    try {
      const result = await read(connection);
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      // The connection may be gone already; the original error is the one worth reporting.
      await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
