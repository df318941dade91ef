import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, openDatabase } from '@mystore/db';
import { mysqlSuiteGate } from '@mystore/test-kit';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogPair,
  type CatalogRead,
  eventually,
  metricSample,
  readMetric,
  rewriteUrl,
  startCatalogPair,
  startCatalogRead,
  writeProduct,
} from './support/resilience/helpers.js';

const gate = await mysqlSuiteGate();

interface Health {
  readonly status: string;
  readonly checks?: Record<string, string>;
}

// No heartbeat writer ever runs against this pair: the primary has no heartbeat, so lag is unknown.
describe.skipIf(!gate.run)(gate.title('catalog-read resilience: unknown lag and readiness'), () => {
  let fixture: CatalogPair | undefined;
  const services: CatalogRead[] = [];
  let replicationPaused = false;

  beforeAll(async () => {
    fixture = await startCatalogPair();
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.app.close()));
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
  const probe = async (service: CatalogRead, url: '/healthz' | '/readyz') => {
    const response = await service.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<Health>() };
  };

  it('never fails over on an unknown lag, even with replication stopped', async () => {
    const { pair, primary } = fixture!;
    const service = await start({ FALLBACK_DATABASE_URL: pair.primaryUrl });
    const { app, registry, source } = service;
    const list = await app.inject({ method: 'GET', url: '/api/v1/products?limit=1' });
    const product = list.json<{ items: { id: number; price: string }[] }>().items[0]!;
    const productUrl = `/api/v1/products/${product.id}`;

    await pair.pauseReplication();
    replicationPaused = true;
    // The replica is now really behind: only the primary has this price.
    await writeProduct(primary, product.id, { price: product.price === '2468.00' ? '1357.00' : '2468.00' });

    // Each check reads the primary's heartbeat once (a select on the fallback): count checks, not time.
    const checksSoFar = () =>
      readMetric(registry, 'mystore_db_query_duration_seconds_count', 'target="fallback",operation="select"');
    const from = await checksSoFar();
    const samples: { fallback: number | undefined; lag: number | undefined; usingFallback: boolean }[] = [];
    await eventually(async () => {
      const text = await registry.metrics();
      samples.push({
        fallback: metricSample(text, 'mystore_db_fallback_active'),
        lag: metricSample(text, 'mystore_replica_lag_seconds'),
        usingFallback: source.usingFallback,
      });
      expect(await checksSoFar()).toBeGreaterThanOrEqual(from + 5);
    }, 10_000);

    expect(samples.length).toBeGreaterThan(1);
    for (const sample of samples) {
      expect(sample.fallback).toBe(0);
      expect(sample.lag).toBeNaN();
      expect(sample.usingFallback).toBe(false);
    }
    expect(source.lag.state).toBe('unknown');
    expect((await probe(service, '/readyz')).body.checks?.database).toBe('ok');
    // Still the replica's (older) data: no silent switch to the primary.
    const response = await app.inject({ method: 'GET', url: productUrl });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ price: string }>().price).toBe(product.price);
  });

  it('is ready on a migrated replica, not ready while draining, and alive throughout', async () => {
    const service = await start({});
    expect(await probe(service, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await probe(service, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: 'ok', schema: 'ok' } });

    service.app.lifecycle.draining = true;
    expect(await probe(service, '/readyz')).toEqual({ status: 503, body: { status: 'draining' } });
    expect((await probe(service, '/healthz')).status).toBe(200);
    // Draining only changes readiness: requests already routed here are still answered.
    expect((await service.app.inject({ method: 'GET', url: '/api/v1/categories' })).statusCode).toBe(200);

    service.app.lifecycle.draining = false;
    expect((await probe(service, '/readyz')).status).toBe(200);
  });

  it('is not ready on a database that was never migrated', async () => {
    const { pair } = fixture!;
    const name = `empty_${randomBytes(4).toString('hex')}`;
    let admin: DatabaseHandle | undefined;
    try {
      admin = await openDatabase(pair.admin.primaryUrl);
      await sql
        .raw(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
        .execute(admin.db);
      await sql.raw(`GRANT SELECT ON ${name}.* TO 'app_ro'@'%'`).execute(admin.db);
      await pair.waitForReplication();

      const service = await start({ DATABASE_URL: rewriteUrl(pair.replicaUrl, { database: name }) });
      expect((await probe(service, '/healthz')).status).toBe(200);
      const ready = await probe(service, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'not ready',
        checks: { database: 'ok', schema: 'not migrated' },
      });
      // Asking again does not change the answer (no false positive from a cached check).
      expect((await probe(service, '/readyz')).status).toBe(503);
    } finally {
      await Promise.all(services.splice(0).map((service) => service.app.close()));
      if (admin)
        await sql
          .raw(`DROP DATABASE IF EXISTS ${name}`)
          .execute(admin.db)
          .catch(() => undefined);
      await admin?.close();
    }
  });

  it('is not ready when the replica is down and the fallback cannot answer either (cache empty)', async () => {
    const { pair } = fixture!;
    const deadFallback = rewriteUrl(pair.primaryUrl, { port: 9 });
    const service = await start({ FALLBACK_DATABASE_URL: deadFallback });
    expect((await probe(service, '/readyz')).status).toBe(200);
    await pair.stopReplica();
    try {
      await eventually(async () => {
        const ready = await probe(service, '/readyz');
        expect(ready.status).toBe(503);
        expect(ready.body.checks).toMatchObject({ database: 'unreachable', cache: 'empty' });
      }, 10_000);
      expect((await service.app.inject('/api/v1/products/1')).statusCode).toBe(503);
    } finally {
      await pair.startReplica();
    }
  });
});
