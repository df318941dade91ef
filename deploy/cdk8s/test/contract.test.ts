import { adminWrite, COMMON_ENV, catalogRead, PROBE_PATHS } from '@mystore/service-contract';
import { describe, expect, it } from 'vitest';
import { adminWriteConfigSchema } from '../../../services/admin-write/src/config.js';
import { catalogReadConfigSchema } from '../../../services/catalog-read/src/config.js';

/**
 * Until the services import @mystore/service-contract themselves, this keeps the two in step: the
 * contract lists exactly the variables each API's configuration schema reads, and its ports are the
 * schemas' defaults. (catalog-web and admin-web are checked the same way once they exist.)
 */
describe('the service contract', () => {
  it.each([
    [catalogRead, catalogReadConfigSchema],
    [adminWrite, adminWriteConfigSchema],
  ] as const)('lists exactly what $name reads, with its default ports', (contract, schema) => {
    expect([...contract.env].sort()).toEqual(Object.keys(schema).sort());
    const defaultOf = (field: unknown) => (field as { default?: unknown }).default;
    expect(defaultOf(schema.PORT)).toBe(contract.port);
    expect(defaultOf(schema.METRICS_PORT)).toBe(contract.localMetricsPort);
    for (const name of contract.secretEnv) expect(contract.env).toContain(name);
  });

  it('names the kernel’s probe routes and common variables', () => {
    expect(PROBE_PATHS).toEqual({ liveness: '/healthz', readiness: '/readyz' });
    expect(COMMON_ENV).toContain('SHUTDOWN_TIMEOUT_MS');
  });
});
