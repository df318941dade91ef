import { type DatabaseHandle, openDatabase } from '@mystore/db';
import { mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiContract } from './support/api/contract.js';
import {
  type AdminWrite,
  call,
  closeAll,
  closedLoopbackPort,
  countProductsNamed,
  eventually,
  prepareDatabase,
  snapshotDatabase,
  startAdminWrite,
  uniqueName,
  withPort,
} from './support/api/harness.js';

const gate = await mysqlSuiteGate();
const PRODUCTS = '/api/admin/products';

describe.skipIf(!gate.run)(gate.title('admin-write API on a MariaDB primary'), () => {
  let pair: ReplicaPair | undefined;
  const started = async () => {
    pair ??= await startMysqlReplicaPair();
    await prepareDatabase(pair.primaryUrl);
    await pair.waitForReplication();
    return pair;
  };
  afterAll(async () => {
    await pair?.stop();
  });

  adminApiContract(async () => ({ dialect: 'mysql', env: { DATABASE_URL: (await started()).primaryUrl } }));

  describe('MariaDB only: locks, failures and failover', () => {
    let primary: AdminWrite;
    let admin: DatabaseHandle;
    const closing: { close(): Promise<unknown> }[] = [];
    beforeAll(async () => {
      const running = await started();
      primary = await startAdminWrite({ DATABASE_URL: running.primaryUrl });
      admin = await openDatabase(running.admin.primaryUrl);
      closing.push(primary.app, admin);
    });
    afterAll(() => closeAll(closing));

    /** Holds the catalog version row locked in an open transaction: every write then waits on it. */
    const lockCatalogVersion = async () => {
      const trx = await admin.db.startTransaction().execute();
      await sql`SELECT version FROM catalog_version WHERE id = 1 FOR UPDATE`.execute(trx);
      return trx;
    };
    const processWaitingOnCatalogVersion = async () =>
      eventually(async () => {
        const { rows } = await sql<{
          Id: number;
          User: string;
          Info: string | null;
        }>`SHOW FULL PROCESSLIST`.execute(admin.db);
        const waiting = rows.find((row) => row.User === 'app_rw' && /catalog_version/.test(row.Info ?? ''));
        expect(waiting).toBeDefined();
        return waiting!;
      });

    it('Idempotency-Key: 409 with Retry-After while the first request is still running (it waits on a row lock)', async () => {
      const json = { name: uniqueName('Locked'), price: '3.00' };
      const headers = { 'idempotency-key': `locked-${Date.now()}` };
      const lock = await lockCatalogVersion();
      let first: ReturnType<typeof call> | undefined;
      try {
        first = call(primary.app, 'POST', PRODUCTS, { json, headers });
        await processWaitingOnCatalogVersion();
        const second = await call(primary.app, 'POST', PRODUCTS, { json, headers });
        expect(second.statusCode, second.body).toBe(409);
        expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(second.headers['retry-after']).toBe('1');
        const different = await call(primary.app, 'POST', PRODUCTS, {
          json: { ...json, price: '4.00' },
          headers,
        });
        expect(different.statusCode, different.body).toBe(422);
      } finally {
        await lock.rollback().execute();
      }
      const done = await first!;
      expect(done.statusCode, done.body).toBe(201);
      const replay = await call(primary.app, 'POST', PRODUCTS, { json, headers });
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(done.json());
      expect(await countProductsNamed(primary.handle.db, json.name)).toBe(1);
    });

    it('a connection killed mid-transaction: 503 with Retry-After, nothing half-written, the key free for a retry', async () => {
      const json = { name: uniqueName('Killed'), price: '3.00' };
      const headers = { 'idempotency-key': `killed-${Date.now()}` };
      const before = await snapshotDatabase(primary.handle.db);
      const lock = await lockCatalogVersion();
      try {
        const pending = call(primary.app, 'POST', PRODUCTS, { json, headers });
        // The product row and its audit row are written; the version bump waits. Kill it there.
        const victim = await processWaitingOnCatalogVersion();
        await sql.raw(`KILL CONNECTION ${Number(victim.Id)}`).execute(admin.db);
        const response = await pending;
        expect(response.statusCode, response.body).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      } finally {
        await lock.rollback().execute();
      }
      expect(await snapshotDatabase(primary.handle.db)).toEqual(before);
      const retry = await call(primary.app, 'POST', PRODUCTS, { json, headers });
      expect(retry.statusCode, retry.body).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await countProductsNamed(primary.handle.db, json.name)).toBe(1);
    });

    describe('primary unreachable (nothing listens on its port)', () => {
      let dead: AdminWrite;
      beforeAll(async () => {
        const url = withPort((await started()).primaryUrl, await closedLoopbackPort());
        dead = await startAdminWrite({ DATABASE_URL: url });
        closing.push(dead.app);
      });

      it('every write is 503 problem with Retry-After, answered at once', async () => {
        const writes: [string, string, object | undefined, Record<string, string>][] = [
          ['POST', PRODUCTS, { name: 'Nowhere', price: '1.00' }, {}],
          ['POST', PRODUCTS, { name: 'Nowhere', price: '1.00' }, { 'idempotency-key': 'dead-primary' }],
          ['PUT', `${PRODUCTS}/1`, { name: 'Nowhere', price: '1.00' }, {}],
          ['PATCH', `${PRODUCTS}/1`, { price: '1.00' }, {}],
          ['DELETE', `${PRODUCTS}/1`, undefined, {}],
          ['DELETE', `${PRODUCTS}/1?permanent=true`, undefined, {}],
          ['POST', `${PRODUCTS}/1/stock`, { delta: 1 }, {}],
          ['POST', `${PRODUCTS}/1/stock`, { delta: 1 }, { 'idempotency-key': 'dead-stock' }],
        ];
        for (const [method, url, json, headers] of writes) {
          const startedAt = Date.now();
          const response = await call(dead.app, method as 'POST', url, { json, headers });
          expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(503);
          expect(response.headers['retry-after']).toBe('5');
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(Date.now() - startedAt).toBeLessThan(3_000);
        }
        const ready = await call(dead.app, 'GET', '/readyz', { token: null });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toMatchObject({ status: 'not ready', checks: { database: 'unreachable' } });
      });

      it('reads are 503 problem with Retry-After too (not 500)', async () => {
        for (const url of [PRODUCTS, `${PRODUCTS}/1`, `${PRODUCTS}/1/history`]) {
          const response = await call(dead.app, 'GET', url);
          expect(response.statusCode, `GET ${url}: ${response.body}`).toBe(503);
          expect(response.headers['retry-after']).toEqual(expect.any(String));
        }
      });
    });

    it('a read-only server (a replica during failover): every write is 503 with Retry-After, nothing written anywhere', async () => {
      const running = await started();
      const readOnly = await startAdminWrite({ DATABASE_URL: running.replicaWriterUrls[0]! });
      const replica = await openDatabase(running.replicaUrl);
      closing.push(readOnly.app, replica);
      const id = (
        await primary.handle.db.selectFrom('products').select('product_id').executeTakeFirstOrThrow()
      ).product_id;
      await running.waitForReplication();
      const beforePrimary = await snapshotDatabase(primary.handle.db);
      const beforeReplica = await snapshotDatabase(replica.db);
      expect(beforeReplica).toEqual(beforePrimary);

      const writes: [string, string, object | undefined, Record<string, string>][] = [
        ['POST', PRODUCTS, { name: 'Read-only', price: '1.00' }, {}],
        ['POST', PRODUCTS, { name: 'Read-only', price: '1.00' }, { 'idempotency-key': 'read-only' }],
        ['PUT', `${PRODUCTS}/${id}`, { name: 'Read-only', price: '1.00' }, {}],
        ['PATCH', `${PRODUCTS}/${id}`, { price: '1.00' }, {}],
        ['DELETE', `${PRODUCTS}/${id}`, undefined, {}],
        ['DELETE', `${PRODUCTS}/${id}?permanent=true`, undefined, {}],
        ['POST', `${PRODUCTS}/${id}/stock`, { delta: 1 }, { 'idempotency-key': 'read-only-stock' }],
      ];
      for (const [method, url, json, headers] of writes) {
        const response = await call(readOnly.app, method as 'POST', url, { json, headers });
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.json().detail).toMatch(/nothing was changed/);
      }
      // Reads still work there, but the pod is not ready: it cannot do what it is for.
      expect((await call(readOnly.app, 'GET', `${PRODUCTS}/${id}`)).statusCode).toBe(200);
      const readiness = await readOnly.app.inject('/readyz');
      expect(readiness.statusCode).toBe(503);
      expect(readiness.json().checks.database).toBe('read-only');
      expect((await primary.app.inject('/readyz')).statusCode).toBe(200);
      await running.waitForReplication();
      expect(await snapshotDatabase(replica.db)).toEqual(beforeReplica);
      expect(await snapshotDatabase(primary.handle.db)).toEqual(beforePrimary);
    });
  });
});
