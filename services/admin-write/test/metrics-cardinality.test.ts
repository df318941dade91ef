import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { METRICS } from '@mystore/service-contract';
import { cardinalityProblems, prometheusSuiteGate, promtoolMetricProblems } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminWrite,
  inject,
  OWNER_TOKEN,
  prepareSqlite,
  startAdminWrite,
} from './support/api/harness.js';

const promtool = prometheusSuiteGate(['promtool']);
const OURS = ['http_server_', 'mystore_'];

const token = () => `r${randomBytes(6).toString('hex')}`;

describe('admin-write metrics under random traffic', () => {
  let prepared: Awaited<ReturnType<typeof prepareSqlite>>;
  let service: AdminWrite;

  beforeAll(async () => {
    prepared = await prepareSqlite('admin-write-metrics-');
    service = await startAdminWrite({ ...prepared.env, AUTH_FAILURES_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await service?.app.close();
    prepared?.remove();
  });

  /** Random ids, names, skus, idempotency keys, tokens and paths; the kinds of request never change. */
  const burst = async (tokens: string[]) => {
    const use = () => {
      const value = token();
      tokens.push(value);
      return value;
    };
    const owner = { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/json' };
    for (let i = 0; i < 8; i += 1) {
      const key = randomUUID();
      const product = JSON.stringify({ name: use(), price: '4.20', sku: use(), category: use() });
      const requests = [
        {
          method: 'GET' as const,
          url: `/api/admin/products/${randomInt(1_000_000_000, 2_000_000_000)}`,
          headers: owner,
        },
        { method: 'PATCH' as const, url: `/api/admin/products/${use()}`, headers: owner, payload: '{}' },
        { method: 'GET' as const, url: `/api/admin/products?q=${use()}&${use()}=1`, headers: owner },
        {
          method: 'POST' as const,
          url: '/api/admin/products',
          headers: { ...owner, 'idempotency-key': key },
          payload: product,
        },
        {
          method: 'POST' as const,
          url: '/api/admin/products',
          headers: { ...owner, 'idempotency-key': key },
          payload: product,
        },
        {
          method: 'POST' as const,
          url: '/api/admin/products/import',
          headers: { ...owner, 'content-type': 'text/csv' },
          payload: `sku,name,price\n${use()},${use()},1.00\n${use()},,not-a-price\n`,
        },
        { method: 'GET' as const, url: `/api/admin/${use()}`, headers: owner },
        {
          method: 'GET' as const,
          url: '/api/admin/products',
          headers: { authorization: `Bearer ${use()}${use()}` },
        },
      ];
      for (const request of requests) await inject(service.app, request);
    }
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
        METRICS.adminAuthFailures,
        METRICS.idempotentReplays,
        METRICS.importRows,
      ],
    });
    expect(problems).toEqual([]);
    // The replays, refusals and imports happened (the counters moved).
    expect(exposition).toMatch(/^mystore_idempotent_replays_total 24$/m);
    expect(exposition).toMatch(/^mystore_admin_auth_failures_total 24$/m);
    if (promtool.run) expect(promtoolMetricProblems(exposition)).toEqual([]);
  });
});
