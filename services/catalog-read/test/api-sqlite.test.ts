import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@mystore/db';
import { afterAll, describe } from 'vitest';
import { catalogApiContract } from './support/api-contract.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-read-sqlite-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('catalog-read API on the embedded SQLite file', () => {
  catalogApiContract(async () => ({
    writer: await openDatabase('sqlite:catalog.db', { dataDir }),
    env: { DATABASE_URL: 'sqlite:catalog.db', DATA_DIR: dataDir },
    settle: async () => {},
  }));
});
