import { afterAll, describe } from 'vitest';
import { adminApiContract } from './support/api/contract.js';
import { prepareSqlite } from './support/api/harness.js';

let remove: (() => void) | undefined;
afterAll(() => remove?.());

describe('admin-write API on the embedded SQLite file', () => {
  adminApiContract(async () => {
    const prepared = await prepareSqlite('admin-write-api-');
    remove = prepared.remove;
    return { dialect: 'sqlite', env: prepared.env };
  });
});
