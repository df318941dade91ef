import { mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DatabaseHandle,
  getProduct,
  insertProduct,
  measureReplicaLag,
  openDatabase,
  readHeartbeat,
  startHeartbeatWriter,
} from '../src/index.js';
import { dataAccessContract } from './support/data-access-contract.js';

const gate = await mysqlSuiteGate();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!gate.run)(gate.title('MariaDB/MySQL primary + replica'), () => {
  let pair: ReplicaPair;
  const handles: DatabaseHandle[] = [];
  const open = async (url: string) => {
    const handle = await openDatabase(url);
    handles.push(handle);
    return handle;
  };

  beforeAll(async () => {
    pair = await startMysqlReplicaPair();
  });
  afterAll(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
    await pair?.stop();
  });

  describe('data access on the primary', () => {
    dataAccessContract(() => openDatabase(pair.primaryUrl));
  });

  describe('schema', () => {
    it('has the seed table with Exercise 1 and our additions, and the seed’s minimal insert works', async () => {
      const primary = await open(pair.primaryUrl);
      const { rows } = await sql<{ 'Create Table': string }>`SHOW CREATE TABLE products`.execute(primary.db);
      const ddl = rows[0]!['Create Table'];
      expect(ddl).toMatch(/`price` decimal\(10,2\) NOT NULL/);
      expect(ddl).toMatch(
        /`updated_at` timestamp .*DEFAULT current_timestamp(\(\))? ON UPDATE current_timestamp/i,
      );
      expect(ddl).toMatch(/FULLTEXT KEY `ft_products_name_description` \(`name`,`description`\)/);
      expect(ddl).toMatch(/KEY `idx_category_active` \(`category`,`is_active`\)/);
      expect(ddl).toMatch(/UNIQUE KEY `uq_products_sku` \(`sku`\)/);
      expect(ddl).toMatch(/COLLATE=utf8mb4_unicode_ci/);

      await sql`INSERT INTO products (name, price) VALUES ('Seed minimal', 2.50)`.execute(primary.db);
      const { rows: inserted } = await sql<{ id: number }>`SELECT LAST_INSERT_ID() AS id`.execute(primary.db);
      expect(await getProduct(primary.db, Number(inserted[0]!.id))).toMatchObject({
        price: '2.50',
        stock_quantity: 0,
        is_active: true,
        version: 1,
        sku: null,
      });
    });
  });

  describe('replication', () => {
    it('copies a row written on the primary to the replica', async () => {
      const primary = await open(pair.primaryUrl);
      const replica = await open(pair.replicaUrl);
      const id = await insertProduct(primary.db, {
        name: 'Replicated Teapot',
        price: '31.40',
        category: 'Repl',
      });
      await pair.waitForReplication();
      expect(await getProduct(replica.db, id)).toMatchObject({ name: 'Replicated Teapot', price: '31.40' });
    });

    it('refuses writes on the replica from the application users', async () => {
      const writerOnReplica = await open(pair.replicaWriterUrls[0]!);
      const failure = await insertProduct(writerOnReplica.db, { name: 'Nope', price: '1.00' }).catch(
        (e) => e,
      );
      expect(failure).toMatchObject({ code: 'ER_OPTION_PREVENTS_STATEMENT' });
      expect(String(failure.message)).toMatch(/read-only|read_only/);
      const reader = await open(pair.replicaUrl);
      // Refused either way: MariaDB checks read_only before the missing INSERT grant.
      const readerFailure = await insertProduct(reader.db, { name: 'Nope', price: '1.00' }).catch((e) => e);
      expect(['ER_OPTION_PREVENTS_STATEMENT', 'ER_TABLEACCESS_DENIED_ERROR']).toContain(readerFailure.code);
    });

    it('reports lag from the heartbeat, and unknown lag when the primary heartbeat is stale', async () => {
      const primary = await open(pair.primaryUrl);
      const replica = await open(pair.replicaUrl);
      const staleAfterMs = 1500;
      const writer = startHeartbeatWriter(primary.db, { intervalMs: 100 });
      try {
        await sleep(300);
        await pair.waitForReplication();
        const caughtUp = await measureReplicaLag(primary.db, replica.db, staleAfterMs);
        expect(caughtUp.state).toBe('known');
        expect(caughtUp.state === 'known' && caughtUp.seconds).toBeLessThan(0.5);

        await pair.pauseReplication();
        await sleep(1200);
        const behind = await measureReplicaLag(primary.db, replica.db, staleAfterMs);
        expect(behind.state).toBe('known');
        expect(behind.state === 'known' && behind.seconds).toBeGreaterThanOrEqual(1);
        await pair.resumeReplication();
        await pair.waitForReplication();
        const again = await measureReplicaLag(primary.db, replica.db, staleAfterMs);
        expect(again.state === 'known' && again.seconds).toBeLessThan(0.5);
      } finally {
        await writer.stop();
      }
      await sleep(staleAfterMs + 200);
      const stale = await measureReplicaLag(primary.db, replica.db, staleAfterMs);
      expect(stale).toMatchObject({ state: 'unknown' });
      expect(stale.state === 'unknown' && stale.reason).toMatch(/stale/);
      expect(await readHeartbeat(replica.db)).toEqual(
        expect.objectContaining({ beatAtMs: expect.any(Number) }),
      );
    });
  });

  describe('a wrong DATABASE_URL fails fast', () => {
    it('wrong password names the user, not the password', async () => {
      const url = new URL(pair.primaryUrl);
      url.password = 'definitely-wrong';
      const handle = await open(url.toString());
      const failure = await handle.verify().then(
        () => new Error('verify() resolved'),
        (error: unknown) => error as Error,
      );
      expect(failure.message).toMatch(/rejected user 'app_rw': wrong password or no such user/);
      expect(failure.message).not.toContain('definitely-wrong');
    });

    it('unknown database', async () => {
      const url = new URL(pair.admin.primaryUrl);
      url.pathname = '/no_such_db';
      const handle = await open(url.toString());
      await expect(handle.verify()).rejects.toThrow(/database 'no_such_db' does not exist/);
    });
  });
});
