import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchDatabase, startBenchDatabase } from './database.js';
import { machineBusySeconds, type Teardown } from './processes.js';
import { describeEnvironment } from './report.js';
import type { SuiteContext } from './suite.js';

/** CPU use of the whole machine (in % of one core) above which a start counts as busy. */
const BUSY_BEFORE_START_PCT = 30;

/** CPU the whole machine used over `ms`, in % of one core. */
async function sampleMachineBusy(ms: number): Promise<number | undefined> {
  const before = machineBusySeconds();
  await sleep(ms);
  const after = machineBusySeconds();
  return before === undefined || after === undefined ? undefined : ((after - before) / (ms / 1000)) * 100;
}

/**
 * What every suite does first: note whether the machine was already busy (other test suites make every
 * number noisy), then start the MariaDB primary + replica, migrated and seeded.
 */
export async function preflight(context: SuiteContext, teardown: Teardown) {
  const { signal, log } = context;
  const notes = [...context.notes];
  const environment = describeEnvironment();
  const idleBusy = await sampleMachineBusy(1000);
  if (idleBusy !== undefined && idleBusy > BUSY_BEFORE_START_PCT) {
    const message =
      `the machine was already busy before the suite started anything (${idleBusy.toFixed(0)}% of one core ` +
      `over 1 s, 1-min load average ${environment.loadAverageAtStart}): other processes competed for the CPU ` +
      '(see "other CPU"), so these numbers are noisy';
    log(`warning: ${message}`);
    notes.push(`Warning: ${message}.`);
  }
  log('starting MariaDB primary + replica (test kit), migrating and seeding');
  const db: BenchDatabase = await startBenchDatabase(teardown);
  log(`database ready in ${db.startupMs} ms (innodb_buffer_pool_size=${db.bufferPool})`);
  signal.throwIfAborted();
  return { environment, notes, db, idleBusy };
}
