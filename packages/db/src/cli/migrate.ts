/**
 * `npm run migrate [-- up|down|status|seed]` against DATABASE_URL (relative sqlite: paths resolve
 * against DATA_DIR, default <repo>/.data).
 */
import type { Kysely } from 'kysely';
import { openDatabase } from '../connect.js';
import { DEFAULT_DATA_DIR } from '../local-data.js';
import { migrateDownOne, migrateToLatest, schemaStatus } from '../migrator.js';
import type { Database } from '../schema.js';
import { seedCatalog } from '../seed/index.js';

const dataDir = process.env.DATA_DIR ?? DEFAULT_DATA_DIR;
const url = process.env.DATABASE_URL ?? 'sqlite:catalog.db';
const command = process.argv[2] ?? 'up';

const commands: Record<string, (db: Kysely<Database>) => Promise<string[]>> = {
  up: (db) => migrateToLatest(db as Kysely<unknown>),
  down: (db) => migrateDownOne(db as Kysely<unknown>),
  status: async (db) => {
    const status = await schemaStatus(db as Kysely<unknown>);
    return [
      ...status.applied.map((name) => `applied  ${name}`),
      ...status.pending.map((name) => `pending  ${name}`),
      ...status.unknown.map((name) => `newer    ${name} (not known to this build)`),
    ];
  },
  seed: async (db) => [`seeded ${await seedCatalog(db)} products`],
};

const run = commands[command];
if (!run) {
  console.error(`usage: npm run migrate -- ${Object.keys(commands).join('|')}`);
  process.exit(2);
}

try {
  const handle = await openDatabase(url, { dataDir });
  try {
    await handle.verify();
    const lines = await run(handle.db);
    console.error(`${handle.label}: ${lines.length ? '' : 'nothing to do'}`);
    for (const line of lines) console.error(`  ${line}`);
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(`migrate ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
