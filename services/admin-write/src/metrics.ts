import { IMPORT_ROW_RESULTS, METRICS } from '@mystore/service-contract';
import { createDbMetrics } from '@mystore/service-kernel';
import { Counter, type Registry } from 'prom-client';

/** admin-write's own metrics (DESIGN §6). */
export function createAdminMetrics(registry: Registry) {
  const registers = [registry];
  const importRows = new Counter({
    name: METRICS.importRows,
    help: 'Imported rows by outcome.',
    labelNames: ['result'],
    registers,
  });
  // Every outcome is exported from the start, at 0 until it happens.
  for (const result of IMPORT_ROW_RESULTS) importRows.inc({ result }, 0);
  return {
    authFailures: new Counter({
      name: METRICS.adminAuthFailures,
      help: 'Admin requests refused for a missing or invalid token.',
      registers,
    }),
    idempotentReplays: new Counter({
      name: METRICS.idempotentReplays,
      help: 'POSTs answered with the stored response of their Idempotency-Key.',
      registers,
    }),
    importRows,
    ...createDbMetrics(registry),
  };
}

export type AdminMetrics = ReturnType<typeof createAdminMetrics>;
