import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function migratorFor(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
}

/** Kysely reports failures in its result instead of throwing; ours throw. */
function unwrap(result: MigrationResultSet): string[] {
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error || failed) {
    const cause =
      result.error instanceof Error ? result.error.message : String(result.error ?? 'unknown error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '(none)'} failed: ${cause}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).map(
    (r) => `${r.direction === 'Up' ? 'applied' : 'reverted'} ${r.migrationName}`,
  );
}

/** Applies every pending migration; returns what it did. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateToLatest());
}

/** Reverts the most recent migration. */
export async function migrateDownOne(db: Kysely<unknown>): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateDown());
}

export interface SchemaStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  /** Migrations in the database that this build does not know (a newer release ran): fine for readiness. */
  readonly unknown: readonly string[];
  /** Every migration this build knows has been applied. */
  readonly upToDate: boolean;
}

/** Which migrations are applied; readiness uses `upToDate` (newer migrations than ours are fine). */
export async function schemaStatus(db: Kysely<unknown>): Promise<SchemaStatus> {
  const known = Object.keys(migrations);
  const inDatabase: string[] = await (db as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom('kysely_migration')
    .select('name')
    .execute()
    .then(
      (rows) => rows.map((row) => row.name),
      (error: unknown) => {
        // A database that was never migrated has no migration table yet.
        if (isMissingTable(error)) return [];
        throw error;
      },
    );
  const pending = known.filter((name) => !inDatabase.includes(name));
  return {
    applied: known.filter((name) => inDatabase.includes(name)),
    pending,
    unknown: inDatabase.filter((name) => !known.includes(name)),
    upToDate: pending.length === 0,
  };
}

function isMissingTable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === 'ER_NO_SUCH_TABLE' || /no such table/.test(message ?? '');
}
