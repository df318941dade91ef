import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  computeReplicaLag,
  migrateToLatest,
  openDatabase,
  readHeartbeat,
  startHeartbeatWriter,
} from '../src/index.js';
import { dataAccessContract } from './support/data-access-contract.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mystore-sqlite-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SQLite data access', () => {
  dataAccessContract(() => openDatabase('sqlite:contract.db', { dataDir }));
});

describe('SQLite files', () => {
  it('resolves relative paths against DATA_DIR, uses WAL, and opens read-only for readers', async () => {
    const writer = await openDatabase('sqlite:nested/ro.db', { dataDir });
    expect(writer.target).toEqual({ kind: 'sqlite', file: path.join(dataDir, 'nested/ro.db') });
    await migrateToLatest(writer.db as never);
    const reader = await openDatabase('sqlite:nested/ro.db', { dataDir, readOnly: true });
    await reader.verify();
    await expect(
      reader.db.insertInto('catalog_version').values({ id: 2, version: 1 }).execute(),
    ).rejects.toThrow(/readonly/);
    await Promise.all([writer.close(), reader.close()]);
  });

  it('refuses a read-only open of a missing file with a message naming it', async () => {
    await expect(openDatabase('sqlite:missing.db', { dataDir, readOnly: true })).rejects.toThrow(
      /cannot open sqlite:.*missing\.db/,
    );
  });

  it('writes heartbeats; lag on one file is zero', async () => {
    const handle = await openDatabase('sqlite:beat.db', { dataDir });
    await migrateToLatest(handle.db as never);
    expect(await readHeartbeat(handle.db)).toBeUndefined();
    const writer = startHeartbeatWriter(handle.db, { intervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writer.stop();
    const reading = await readHeartbeat(handle.db);
    expect(reading).toBeDefined();
    expect(Math.abs(reading!.nowMs - reading!.beatAtMs)).toBeLessThan(5_000);
    expect(computeReplicaLag(reading, reading)).toEqual({ state: 'known', seconds: 0 });
    await handle.close();
  });
});
