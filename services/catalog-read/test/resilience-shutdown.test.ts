import { type DatabaseHandle, openDatabase } from '@mystore/db';
import { mysqlSuiteGate, type RunningService, startServiceProcess } from '@mystore/test-kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogPair, eventually, startCatalogPair } from './support/resilience/helpers.js';
import { type HttpResult, httpGet } from './support/resilience/http-get.js';

const gate = await mysqlSuiteGate();

const IN_FLIGHT = 50;
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Holds `LOCK TABLES <table> WRITE` on one connection of the replica until released: every read of the
 * table waits inside the database ("Waiting for table metadata lock"), so requests stay in flight for
 * exactly as long as the test wants. Only an admin session on the replica can take it; it writes nothing.
 */
function holdTableLock(handle: DatabaseHandle, table: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let markLocked!: () => void;
  const locked = new Promise<void>((resolve) => {
    markLocked = resolve;
  });
  const done = handle.db.connection().execute(async (connection) => {
    await sql.raw(`LOCK TABLES ${table} WRITE`).execute(connection);
    markLocked();
    try {
      await released;
    } finally {
      await sql`UNLOCK TABLES`.execute(connection);
    }
  });
  return { locked: Promise.race([locked, done]), release, done };
}

describe.skipIf(!gate.run)(
  gate.title('catalog-read resilience: graceful shutdown of the real server'),
  () => {
    let fixture: CatalogPair | undefined;
    let server: RunningService | undefined;
    const admins: DatabaseHandle[] = [];

    beforeAll(async () => {
      fixture = await startCatalogPair();
    });
    afterAll(async () => {
      await server?.stop();
      await Promise.all(admins.map((admin) => admin.close()));
      await fixture?.stop();
    });

    it('finishes every in-flight request after SIGTERM, takes no new connection, and exits 0 in time', async () => {
      const { pair } = fixture!;
      server = await startServiceProcess('catalog-read', {
        DATABASE_URL: pair.replicaUrl,
        PUBLIC_ASSET_BASE_URL: 'http://shop.test',
        // Every request reads the database; each one holds its own pooled connection while it waits.
        CACHE_MAX_BYTES: '0',
        DB_POOL_SIZE: String(IN_FLIGHT + 10),
        DB_QUERY_TIMEOUT_MS: '20000',
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      });
      const { port } = server;
      await eventually(async () => expect((await httpGet(port, '/readyz', 2_000)).status).toBe(200));
      const total = JSON.parse((await httpGet(port, '/api/v1/products?limit=1')).body).total as number;
      expect(total).toBeGreaterThan(0);

      const locker = await openDatabase(pair.admin.replicaUrls[0]!);
      const watcher = await openDatabase(pair.admin.replicaUrls[0]!);
      admins.push(locker, watcher);
      const lock = holdTableLock(locker, 'products');
      let results: PromiseSettledResult<HttpResult>[];
      try {
        await lock.locked;
        let finished = 0;
        const requests = Array.from({ length: IN_FLIGHT }, (_, i) =>
          httpGet(port, `/api/v1/products?limit=${i + 1}&sort=price`).finally(() => {
            finished++;
          }),
        );
        // Settled below; until then a rejection must not count as unhandled.
        for (const pending of requests) pending.catch(() => undefined);
        // All of them are inside the database, blocked on the lock: truly in flight.
        await eventually(async () => {
          const { rows } = await sql<{ waiting: number | string }>`
          SELECT COUNT(*) AS waiting FROM information_schema.PROCESSLIST
          WHERE USER = 'app_ro' AND STATE LIKE 'Waiting for table metadata lock%'`.execute(watcher.db);
          expect(Number(rows[0]!.waiting)).toBeGreaterThanOrEqual(IN_FLIGHT);
        }, 20_000);
        expect(finished).toBe(0);

        const sigtermAt = Date.now();
        server.child.kill('SIGTERM');
        await server.waitForLine((line) => line.msg === 'shutting down: draining in-flight requests', 10_000);

        // New connections are turned away at once, never left hanging: one accepted just before the
        // listener closed is reset (Node closes idle connections), a request that got in is answered 503,
        // and once the listener is closed (while the 50 are still in flight) connecting is refused.
        const late: (string | number | undefined)[] = [];
        await eventually(async () => {
          const outcome = await httpGet(port, '/api/v1/products?limit=1', 3_000).then(
            (response) => response.status,
            (error: NodeJS.ErrnoException) => error.code,
          );
          late.push(outcome);
          expect(outcome).toBe('ECONNREFUSED');
        }, 5_000);
        for (const outcome of late) expect(['ECONNREFUSED', 'ECONNRESET', 503]).toContain(outcome);
        expect(finished).toBe(0);
        expect(server.child.exitCode).toBeNull();

        lock.release();
        await lock.done;
        results = await Promise.allSettled(requests);

        const exit = await server.exited;
        expect(exit, server.stderr()).toEqual({ code: 0, signal: null });
        expect(Date.now() - sigtermAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      } finally {
        lock.release();
        await lock.done.catch(() => undefined);
      }

      const failed = results.flatMap((result, i) => {
        if (result.status === 'rejected') return [`limit=${i + 1}: ${(result.reason as Error).message}`];
        if (result.value.status !== 200)
          return [`limit=${i + 1}: ${result.value.status} ${result.value.body}`];
        const body = JSON.parse(result.value.body) as { items: unknown[] };
        return body.items.length === Math.min(i + 1, total)
          ? []
          : [`limit=${i + 1}: ${body.items.length} items`];
      });
      expect(failed).toEqual([]);
      expect(server.lines.some((line) => line.msg === 'shut down cleanly')).toBe(true);
    });
  },
);
