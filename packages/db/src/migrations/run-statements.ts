import { type Kysely, sql } from 'kysely';

/** Runs DDL one statement at a time (multipleStatements is off, and MySQL DDL cannot be batched). */
export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
