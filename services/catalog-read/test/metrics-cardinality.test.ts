import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import { METRICS } from '@mystore/service-contract';
import { cardinalityProblems, prometheusSuiteGate, promtoolMetricProblems } from '@mystore/test-kit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogRead } from '../src/app.js';
import { loadCatalogReadConfig } from '../src/config.js';

const promtool = prometheusSuiteGate(['promtool']);
/** The service's own metrics; the runtime's (GC kinds, active handle types) vary on their own. */
const OURS = ['http_server_', 'mystore_'];

/** A token no label may ever carry. */
const token = () => `r${randomBytes(6).toString('hex')}`;

/** Requests with random ids, searches, filters, cursors, parameters and paths; the kinds never change. */
function randomRequests(
  tokens: string[],
): { method: 'GET' | 'HEAD' | 'POST'; url: string; headers?: Record<string, string> }[] {
  const use = () => {
    const value = token();
    tokens.push(value);
    return value;
  };
  return Array.from({ length: 12 }, () => [
    { method: 'GET' as const, url: `/api/v1/products/${randomInt(1_000_000_000, 2_000_000_000)}` },
    { method: 'GET' as const, url: `/api/v1/products/${use()}` },
    { method: 'GET' as const, url: `/api/v1/products?q=${use()}+${use()}` },
    { method: 'GET' as const, url: `/api/v1/products?category=${use()}&sort=-price` },
    { method: 'GET' as const, url: `/api/v1/products?cursor=${use()}` },
    { method: 'GET' as const, url: `/api/v1/products?${use()}=1` },
    { method: 'GET' as const, url: `/api/v1/${use()}/${use()}` },
    { method: 'HEAD' as const, url: `/api/v1/products?q=${use()}` },
    { method: 'POST' as const, url: `/api/v1/products/${use()}` },
    { method: 'GET' as const, url: '/api/v1/categories', headers: { 'x-request-id': use() } },
  ]).flat();
}

describe('catalog-read metrics under random traffic', () => {
  let dataDir: string;
  let service: Awaited<ReturnType<typeof buildCatalogRead>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-read-metrics-'));
    const writer = await openDatabase('sqlite:catalog.db', { dataDir });
    await migrateToLatest(writer.db as Kysely<unknown>);
    await seedCatalog(writer.db);
    await writer.close();
    const config = loadCatalogReadConfig({ DATABASE_URL: 'sqlite:catalog.db', DATA_DIR: dataDir });
    service = await buildCatalogRead(config, { logger: false });
    await service.app.ready();
  });
  afterAll(async () => {
    await service?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const burst = async (tokens: string[]) => {
    for (const request of randomRequests(tokens)) await service.app.inject(request);
    return service.registry.metrics();
  };

  it('exports the expected series, and the same series count however random the requests', async () => {
    const { problems, exposition } = await cardinalityProblems({
      burst,
      prefixes: OURS,
      expected: [
        `${METRICS.httpRequestDuration}_bucket`,
        `${METRICS.dbQueryDuration}_count`,
        METRICS.dbPoolConnections,
        METRICS.dbPoolMaxConnections,
        METRICS.cacheRequests,
        METRICS.catalogVersion,
        METRICS.replicaLag,
        METRICS.fallbackActive,
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
      ],
    });
    expect(problems).toEqual([]);
    // Unknown paths share one route label; ids, search text and parameter names appear nowhere.
    expect(exposition).toContain('route="unmatched"');
    if (promtool.run) expect(promtoolMetricProblems(exposition)).toEqual([]);
  });
});
