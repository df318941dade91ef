import { openDatabase } from '@mystore/db';
import { mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import { afterAll, describe } from 'vitest';
import { catalogApiContract } from './support/api-contract.js';

const gate = await mysqlSuiteGate();

describe.skipIf(!gate.run)(gate.title('catalog-read API on a MariaDB replica'), () => {
  let pair: ReplicaPair | undefined;
  afterAll(async () => {
    await pair?.stop();
  });

  catalogApiContract(async () => {
    pair = await startMysqlReplicaPair();
    const started = pair;
    return {
      writer: await openDatabase(started.primaryUrl),
      env: { DATABASE_URL: started.replicaUrl },
      settle: () => started.waitForReplication(),
    };
  });
});
