import { Counter, Histogram, type Registry } from 'prom-client';

export interface AdminWebMetrics {
  /** Sign-in attempts by result: success | failure | limited. */
  readonly signIns: Counter<'result'>;
  /** Calls to admin-write by operation (a fixed name, never a URL) and outcome (status code or error). */
  readonly adminApiDuration: Histogram<'operation' | 'outcome'>;
}

export function createAdminWebMetrics(registry: Registry): AdminWebMetrics {
  return {
    signIns: new Counter({
      name: 'mystore_admin_sign_ins_total',
      help: 'Sign-in attempts on the admin console, by result (success, failure, limited).',
      labelNames: ['result'],
      registers: [registry],
    }),
    adminApiDuration: new Histogram({
      name: 'mystore_admin_api_request_duration_seconds',
      help: 'Calls from the admin console to admin-write, by operation and outcome (status or error).',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
