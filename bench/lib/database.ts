import { migrateToLatest, openDatabase, seedCatalog, startHeartbeatWriter } from '@mystore/db';
import { type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import type { Kysely } from 'kysely';
import type { Teardown } from './processes.js';

/** Tried in order: production-like first, then the smallest size still worth benchmarking. */
const BUFFER_POOL_SIZES = ['1G', '256M'] as const;

export interface BenchDatabase {
  readonly pair: ReplicaPair;
  /** The buffer pool size the pair started with. */
  readonly bufferPool: string;
  readonly seededProducts: number;
  readonly startupMs: number;
}

/**
 * A MariaDB primary + replica from the test kit with a realistic buffer pool, migrated and seeded on the
 * primary, with the primary's heartbeat written every second as admin-write does in production (so
 * catalog-read measures real replica lag). Everything is registered with `teardown`.
 */
export async function startBenchDatabase(teardown: Teardown): Promise<BenchDatabase> {
  const startedAt = Date.now();
  let pair: ReplicaPair | undefined;
  let bufferPool = '';
  const failures: string[] = [];
  for (const size of BUFFER_POOL_SIZES) {
    try {
      pair = await startMysqlReplicaPair({ mysqldOptions: { innodb_buffer_pool_size: size } });
      bufferPool = size;
      break;
    } catch (error) {
      failures.push(`${size}: ${(error as Error).message}`);
      console.error(
        `[bench] MariaDB pair with innodb_buffer_pool_size=${size} failed to start; trying smaller`,
      );
    }
  }
  if (!pair) throw new Error(`could not start a MariaDB pair:\n${failures.join('\n')}`);
  const running = pair;
  teardown.add('MariaDB pair', () => running.stop());

  const primary = await openDatabase(running.primaryUrl);
  teardown.add('primary connection', () => primary.close());
  await migrateToLatest(primary.db as Kysely<unknown>);
  const seededProducts = await seedCatalog(primary.db);
  const heartbeat = startHeartbeatWriter(primary.db, {
    onError: (error) => console.error(`[bench] heartbeat write failed: ${(error as Error).message}`),
  });
  teardown.add('heartbeat writer', () => heartbeat.stop());
  await running.waitForReplication({ timeoutMs: 30_000 });
  return { pair: running, bufferPool, seededProducts, startupMs: Date.now() - startedAt };
}

/** The storefront's public address in every suite: catalog-read's image URLs point there, as locally. */
export const SHOP_BASE_URL = 'http://localhost:3000';

/** catalog-read's database settings in every suite: the replica, with the primary as its fallback. */
export function catalogReadEnv(db: BenchDatabase): Record<string, string> {
  return {
    DATABASE_URL: db.pair.replicaUrl,
    FALLBACK_DATABASE_URL: db.pair.primaryUrl,
    PUBLIC_ASSET_BASE_URL: SHOP_BASE_URL,
  };
}
