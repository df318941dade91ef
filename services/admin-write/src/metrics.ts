import { createDbMetrics } from '@mystore/service-kernel';
import { Counter, type Registry } from 'prom-client';

/** admin-write's own metrics (DESIGN §6). */
export function createAdminMetrics(registry: Registry) {
  const registers = [registry];
  return {
    authFailures: new Counter({
      name: 'mystore_admin_auth_failures_total',
      help: 'Admin requests refused for a missing or invalid token.',
      registers,
    }),
    idempotentReplays: new Counter({
      name: 'mystore_idempotent_replays_total',
      help: 'POSTs answered with the stored response of their Idempotency-Key.',
      registers,
    }),
    importRows: new Counter({
      name: 'mystore_import_rows_total',
      help: 'Imported rows by outcome.',
      labelNames: ['result'],
      registers,
    }),
    ...createDbMetrics(registry),
  };
}

export type AdminMetrics = ReturnType<typeof createAdminMetrics>;
