import {
  adminWeb,
  adminWrite,
  COMMON_ENV,
  catalogRead,
  catalogWeb,
  PROBE_PATHS,
} from '@mystore/service-contract';
import { describe, expect, it } from 'vitest';
import { adminWebConfigSchema } from '../../../services/admin-web/src/config.js';
import { adminWriteConfigSchema } from '../../../services/admin-write/src/config.js';
import { catalogReadConfigSchema } from '../../../services/catalog-read/src/config.js';
import { catalogWebConfigSchema } from '../../../services/catalog-web/src/config.js';

/**
 * The services take their ports from the contract; this keeps the rest in step: the contract lists
 * exactly the variables each service's configuration schema reads, and its ports are the defaults.
 */
describe('the service contract', () => {
  it.each([
    [catalogRead, catalogReadConfigSchema],
    [adminWrite, adminWriteConfigSchema],
    [catalogWeb, catalogWebConfigSchema],
    [adminWeb, adminWebConfigSchema],
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
