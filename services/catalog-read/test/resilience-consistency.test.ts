import {
  bumpCatalogVersion,
  type DatabaseHandle,
  insertProduct,
  readCatalogVersion,
  updateProduct,
} from '@mystore/db';
import { mysqlSuiteGate } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogPair,
  type CatalogRead,
  endpointOf,
  etagVersion,
  eventually,
  rewriteUrl,
  startCatalogPair,
  startCatalogRead,
} from './support/resilience/helpers.js';
import { type RoundRobinProxy, startRoundRobinProxy } from './support/resilience/round-robin-proxy.js';

const gate = await mysqlSuiteGate();

const PROBE_CATEGORY = 'Resilience Probe';
const PROBE_NAME = /^Probe v(\d+)$/;
const WRITES = 6;
const WORKERS = 8;
/** Responses to collect after the last write was seen, so the lagging replica keeps being asked. */
const RESPONSES_AFTER_LAST_WRITE = 300;

/**
 * The probe product's name always embeds the catalog version of the write that set it: every catalog
 * write in this suite is a probe write, so in any snapshot the probe is named `Probe v<that snapshot's
 * version>`. A response whose ETag version differs from the name's number paired a version with rows
 * of another snapshot.
 */
async function probeWrite(primary: DatabaseHandle, id?: number): Promise<{ id: number; version: number }> {
  return primary.db.transaction().execute(async (trx) => {
    await bumpCatalogVersion(trx);
    const version = await readCatalogVersion(trx);
    const name = `Probe v${version}`;
    if (id === undefined) {
      const inserted = await insertProduct(trx, {
        name,
        price: '1.00',
        category: PROBE_CATEGORY,
        stock_quantity: 5,
      });
      return { id: inserted, version };
    }
    if (!(await updateProduct(trx, id, { name }))) throw new Error(`probe ${id} vanished`);
    return { id, version };
  });
}

interface Item {
  readonly id: number;
  readonly name: string;
}

describe.skipIf(!gate.run)(
  gate.title('catalog-read resilience: cache consistency over lagging replicas'),
  () => {
    let fixture: CatalogPair | undefined;
    let proxy: RoundRobinProxy | undefined;
    let service: CatalogRead | undefined;
    let paused = false;

    beforeAll(async () => {
      fixture = await startCatalogPair({ replicas: 2 });
    });
    afterAll(async () => {
      await service?.app.close();
      await proxy?.close();
      if (paused) await fixture?.pair.resumeReplication(1).catch(() => undefined);
      await fixture?.stop();
    });

    it('never pairs an ETag version with rows of another snapshot while replicas behind one Service disagree', async () => {
      const { pair, primary } = fixture!;
      expect(pair.replicaUrls).toHaveLength(2);

      // The probe exists everywhere before replica 1 stops applying changes.
      const probe = await probeWrite(primary);
      await pair.waitForReplication();
      await pair.pauseReplication(1);
      paused = true;

      proxy = await startRoundRobinProxy(pair.replicaUrls.map(endpointOf));
      service = await startCatalogRead({
        DATABASE_URL: rewriteUrl(pair.replicaUrl, { port: proxy.port }),
        DB_POOL_SIZE: '4',
      });
      const app = service.app;
      const reader = service.reader;

      // Many distinct keys, so every version change leaves plenty of misses that reach either replica.
      const urls = [
        `/api/v1/products/${probe.id}`,
        `/api/v1/products?category=${encodeURIComponent(PROBE_CATEGORY)}`,
        ...Array.from({ length: 12 }, (_, i) => `/api/v1/products?sort=newest&limit=${i + 1}`),
        ...Array.from({ length: 6 }, (_, i) => `/api/v1/products?sort=newest&limit=${i + 1}&in_stock=true`),
        ...Array.from(
          { length: 4 },
          (_, i) => `/api/v1/products?category=${encodeURIComponent(PROBE_CATEGORY)}&limit=${i + 1}`,
        ),
      ];

      const violations: string[] = [];
      const failures: string[] = [];
      const versionsServed = new Set<number>();
      let laggingSnapshots = 0;
      let checked = 0;
      let writesDone = false;
      let afterLastWrite = 0;

      // Stops after enough answers past the last write, or at a hard deadline whatever happens.
      const deadline = Date.now() + 30_000;
      const done = () =>
        (writesDone && afterLastWrite >= RESPONSES_AFTER_LAST_WRITE) || Date.now() > deadline;
      const check = async (url: string) => {
        const seenBefore = reader.version;
        const response = await app.inject({ method: 'GET', url });
        if (response.statusCode !== 200) {
          failures.push(`${url}: status ${response.statusCode} ${response.body}`);
          return;
        }
        const etag = etagVersion(response.headers.etag);
        const body = response.json<Item | { items: Item[] }>();
        const item = 'items' in body ? body.items.find((candidate) => candidate.id === probe.id) : body;
        if (!item) {
          violations.push(`${url}: probe missing at ETag v${etag}`);
          return;
        }
        const named = Number(PROBE_NAME.exec(item.name)?.[1] ?? Number.NaN);
        if (named !== etag) {
          violations.push(`${url}: ETag v${etag} (${response.headers['x-cache']}) with "${item.name}"`);
        }
        versionsServed.add(etag);
        if (etag < seenBefore) laggingSnapshots++;
        checked++;
      };
      const worker = async (offset: number) => {
        for (let n = offset; !done(); n += WORKERS) {
          const url = urls[n % urls.length]!;
          await check(url).catch((error: unknown) => failures.push(`${url}: ${String(error)}`));
          if (writesDone) afterLastWrite++;
        }
      };

      const writer = async () => {
        try {
          let last = probe.version;
          for (let i = 0; i < WRITES; i++) {
            ({ version: last } = await probeWrite(primary, probe.id));
            // Replica 0 applies it; the pod learns the version through its poll or a response.
            await eventually(() => expect(reader.version).toBeGreaterThanOrEqual(last), 10_000, 5);
          }
        } finally {
          writesDone = true;
        }
      };

      await Promise.all([writer(), ...Array.from({ length: WORKERS }, (_, i) => worker(i))]);

      expect(violations, 'responses pairing an ETag with another snapshot').toEqual([]);
      expect(failures, 'responses other than 200').toEqual([]);
      expect(checked).toBeGreaterThan(RESPONSES_AFTER_LAST_WRITE);
      // Not vacuous: the pool really reached both replicas, the paused one answered with its old
      // snapshot after the pod had moved on, and the fresh one delivered every write.
      expect(proxy.connections[0]).toBeGreaterThan(0);
      expect(proxy.connections[1]).toBeGreaterThan(0);
      expect(laggingSnapshots).toBeGreaterThan(0);
      expect(versionsServed).toContain(probe.version);
      expect(versionsServed).toContain(probe.version + WRITES);

      // Once replica 1 catches up, every response shows the last write.
      await pair.resumeReplication(1);
      paused = false;
      await pair.waitForReplication();
      for (const url of urls.slice(0, 4)) {
        const response = await app.inject({ method: 'GET', url });
        expect(etagVersion(response.headers.etag)).toBe(probe.version + WRITES);
      }
    });
  },
);
