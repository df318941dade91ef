import { type HeartbeatWriter, startHeartbeatWriter } from '@mystore/db';
import { mysqlSuiteGate } from '@mystore/test-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogPair,
  type CatalogRead,
  etagVersion,
  eventually,
  metricSample,
  readMetric,
  startCatalogPair,
  startCatalogRead,
  writeProduct,
} from './support/resilience/helpers.js';

const gate = await mysqlSuiteGate();

/** stopReplica/startReplica exist only where the kit runs the servers itself. */
const LOCAL_ONLY = 'stopping a replica needs a pair of local MariaDB processes';

interface ProductBody {
  readonly id: number;
  readonly price: string;
}

describe.skipIf(!gate.run)(
  gate.title('catalog-read resilience: replica outage, stale serving, fallback'),
  () => {
    let fixture: CatalogPair | undefined;
    const services: CatalogRead[] = [];
    let heartbeat: HeartbeatWriter | undefined;
    let replicaStopped = false;
    let replicationPaused = false;

    beforeAll(async () => {
      fixture = await startCatalogPair();
    });
    // Each test leaves the pair as it found it, even when it fails halfway.
    afterEach(async () => {
      await Promise.all(services.splice(0).map((service) => service.app.close()));
      await heartbeat?.stop();
      heartbeat = undefined;
      if (replicaStopped) await fixture?.pair.startReplica();
      replicaStopped = false;
      if (replicationPaused) await fixture?.pair.resumeReplication();
      replicationPaused = false;
    });
    afterAll(async () => {
      await fixture?.stop();
    });

    const start = async (env: Record<string, string>) => {
      const service = await startCatalogRead({ DATABASE_URL: fixture!.pair.replicaUrl, ...env });
      services.push(service);
      return service;
    };
    const stopReplica = async () => {
      replicaStopped = true;
      await fixture!.pair.stopReplica();
    };
    const startReplica = async () => {
      await fixture!.pair.startReplica();
      replicaStopped = false;
    };
    const pickProducts = async (service: CatalogRead, count: number): Promise<ProductBody[]> => {
      const response = await service.app.inject({ method: 'GET', url: `/api/v1/products?limit=${count}` });
      expect(response.statusCode).toBe(200);
      return response.json<{ items: ProductBody[] }>().items;
    };
    const otherPrice = (price: string) => (price === '4321.00' ? '1234.00' : '4321.00');

    it('serves the last good response marked stale when no database answers, 503 for what it never cached, and recovers', async (context) => {
      if (fixture!.pair.source !== 'local') return context.skip(LOCAL_ONLY);
      const { primary } = fixture!;
      const service = await start({});
      const { app, reader } = service;
      const [warm, changed, never] = await pickProducts(service, 3);
      const warmUrl = `/api/v1/products/${warm!.id}`;

      const first = await app.inject({ method: 'GET', url: warmUrl });
      expect(first.statusCode).toBe(200);
      const cachedVersion = etagVersion(first.headers.etag);

      // Move the catalog on without touching the warm entry: it is now older than the pod's version, so
      // the next request for it must ask a database (it is not a plain hit).
      const newVersion = await writeProduct(primary, changed!.id, { price: otherPrice(changed!.price) });
      await eventually(() => expect(reader.version).toBe(newVersion));
      expect(newVersion).toBeGreaterThan(cachedVersion);

      await stopReplica();
      const stale = await app.inject({ method: 'GET', url: warmUrl });
      expect(stale.statusCode).toBe(200);
      expect(stale.headers['x-cache']).toBe('stale');
      expect(stale.headers.etag).toBe(first.headers.etag);
      expect(stale.headers['cache-control']).toContain('stale-if-error');
      expect(stale.body).toBe(first.body);
      expect(
        await readMetric(service.registry, 'mystore_cache_requests_total', 'result="stale"'),
      ).toBeGreaterThan(0);

      const unavailable = await app.inject({ method: 'GET', url: `/api/v1/products/${never!.id}` });
      expect(unavailable.statusCode).toBe(503);
      expect(unavailable.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unavailable.headers['retry-after']).toMatch(/^\d+$/);
      expect(unavailable.json()).toMatchObject({ status: 503 });

      // Alive, and still ready: the cache can serve.
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await eventually(async () => {
        const ready = await app.inject({ method: 'GET', url: '/readyz' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json()).toMatchObject({ checks: { database: 'unreachable', cache: 'warm' } });
      });

      await startReplica();
      const fresh = await eventually(async () => {
        const response = await app.inject({ method: 'GET', url: warmUrl });
        expect(response.statusCode).toBe(200);
        expect(['miss', 'hit']).toContain(response.headers['x-cache']);
        return response;
      });
      expect(etagVersion(fresh.headers.etag)).toBe(newVersion);
      const recovered = await app.inject({ method: 'GET', url: `/api/v1/products/${never!.id}` });
      expect(recovered.statusCode).toBe(200);
      const changedNow = await app.inject({ method: 'GET', url: `/api/v1/products/${changed!.id}` });
      expect(changedNow.json<ProductBody>().price).toBe(otherPrice(changed!.price));
    });

    it('reads from the fallback while the replica is down or lags, and returns to the replica', async (context) => {
      if (fixture!.pair.source !== 'local') return context.skip(LOCAL_ONLY);
      const { pair, primary } = fixture!;
      heartbeat = startHeartbeatWriter(primary.db, { intervalMs: 100, onError: () => undefined });
      const service = await start({ FALLBACK_DATABASE_URL: pair.primaryUrl });
      const { app, registry, source } = service;
      const metric = (name: string, labels = '') => readMetric(registry, name, labels);
      const snapshots = (target: 'replica' | 'fallback') =>
        metric('mystore_db_query_duration_seconds_count', `target="${target}",operation="start"`);
      // A key never asked before: a cache miss, so it reads one snapshot from the current source.
      let fresh = 0;
      const freshRead = async () => {
        fresh += 1;
        const response = await app.inject({ method: 'GET', url: `/api/v1/products?min_price=${fresh}.00` });
        expect(response.statusCode).toBe(200);
        expect(response.headers['x-cache']).toBe('miss');
        return response;
      };
      const readiness = async () => {
        const response = await app.inject({ method: 'GET', url: '/readyz' });
        return { status: response.statusCode, body: response.json<{ checks?: Record<string, string> }>() };
      };
      const [product] = await pickProducts(service, 1);
      const productUrl = `/api/v1/products/${product!.id}`;

      // Healthy start: lag is known (both heartbeats compared) and the replica serves.
      await eventually(async () => {
        const lag = metricSample(await registry.metrics(), 'mystore_replica_lag_seconds');
        expect(lag).toBeGreaterThanOrEqual(0);
        expect(lag).toBeLessThan(2);
      });
      expect(await metric('mystore_db_fallback_active')).toBe(0);
      expect((await readiness()).body.checks?.database).toBe('ok');

      // 1. The replica goes away: every request still answers, from the primary.
      await stopReplica();
      const fallbackBefore = await snapshots('fallback');
      for (let i = 0; i < 5; i++) await freshRead();
      expect(await snapshots('fallback')).toBeGreaterThanOrEqual(fallbackBefore + 5);
      await eventually(async () => {
        const ready = await readiness();
        expect(ready.status).toBe(200);
        expect(ready.body.checks?.database).toBe('fallback');
        expect(await metric('mystore_db_fallback_active')).toBe(1);
      });
      // Only the primary can have this: a write made while the replica is down.
      const priceWhileDown = otherPrice(product!.price);
      const versionWhileDown = await writeProduct(primary, product!.id, { price: priceWhileDown });
      const seen = await eventually(async () => {
        const response = await app.inject({ method: 'GET', url: productUrl });
        expect(response.statusCode).toBe(200);
        expect(response.json<ProductBody>().price).toBe(priceWhileDown);
        return response;
      });
      expect(etagVersion(seen.headers.etag)).toBe(versionWhileDown);

      // 2. The replica is back and caught up: reads return to it.
      await startReplica();
      await eventually(async () => {
        expect(await metric('mystore_db_fallback_active')).toBe(0);
        expect((await readiness()).body.checks?.database).toBe('ok');
      });
      const [replicaBefore, fallbackAfterReturn] = [await snapshots('replica'), await snapshots('fallback')];
      for (let i = 0; i < 3; i++) await freshRead();
      expect(await snapshots('replica')).toBeGreaterThanOrEqual(replicaBefore + 3);
      expect(await snapshots('fallback')).toBe(fallbackAfterReturn);

      // 3. Replication stalls while the heartbeat goes on: the measured lag passes the threshold.
      await fixture!.pair.pauseReplication();
      replicationPaused = true;
      await eventually(async () => {
        const text = await registry.metrics();
        expect(metricSample(text, 'mystore_replica_lag_seconds')).toBeGreaterThan(2);
        expect(metricSample(text, 'mystore_db_fallback_active')).toBe(1);
      }, 15_000);
      expect(source.usingFallback).toBe(true);
      expect((await readiness()).body.checks?.database).toBe('fallback');
      const priceWhileLagging = product!.price;
      const versionWhileLagging = await writeProduct(primary, product!.id, { price: priceWhileLagging });
      await eventually(async () => {
        const response = await app.inject({ method: 'GET', url: productUrl });
        expect(response.json<ProductBody>().price).toBe(priceWhileLagging);
        expect(etagVersion(response.headers.etag)).toBe(versionWhileLagging);
      });

      // 4. Replication resumes: the replica catches up and serves again.
      await fixture!.pair.resumeReplication();
      replicationPaused = false;
      await eventually(async () => {
        const text = await registry.metrics();
        expect(metricSample(text, 'mystore_replica_lag_seconds')).toBeLessThan(2);
        expect(metricSample(text, 'mystore_db_fallback_active')).toBe(0);
      }, 15_000);
      const replicaBeforeLast = await snapshots('replica');
      await freshRead();
      expect(await snapshots('replica')).toBe(replicaBeforeLast + 1);
    });
  },
);
