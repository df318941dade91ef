import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import { afterAll, describe } from 'vitest';
import { importExportContract } from './support/import-contract.js';

// Both suites in one file: they run one after the other, so the MariaDB start-up never competes with
// the SQLite suite for the CPU.

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'admin-write-import-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('admin-write import and export on the embedded SQLite file', () => {
  importExportContract(async () => ({ env: { DATABASE_URL: 'sqlite:catalog.db', DATA_DIR: dataDir } }));
});

const gate = await mysqlSuiteGate();

describe.skipIf(!gate.run)(gate.title('admin-write import and export on a MariaDB primary'), () => {
  let pair: ReplicaPair | undefined;
  afterAll(async () => {
    await pair?.stop();
  });

  importExportContract(async () => {
    pair = await startMysqlReplicaPair();
    return { env: { DATABASE_URL: pair.primaryUrl } };
  });
});
