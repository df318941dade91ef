import { adminWrite } from '@mystore/service-contract';
import { createUpstreamMetrics, type UpstreamErrorReason } from '@mystore/service-kernel';
import { Counter, type Registry } from 'prom-client';

export interface AdminWebMetrics {
  /** Sign-in attempts by result: success | failure | limited. */
  readonly signIns: Counter<'result'>;
  /**
   * Calls to admin-write by operation (a fixed name, never a URL) and outcome (status code or error), as
   * the kernel's `mystore_upstream_request_duration_seconds{upstream="admin-write",…}`; failures counted.
   */
  readonly adminApiDuration: {
    /** `failure`: why a call got no answer (the kernel's `upstreamErrorReason`). */
    observe(
      labels: { operation: string; outcome: string },
      seconds: number,
      failure?: UpstreamErrorReason,
    ): void;
  };
}

export function createAdminWebMetrics(registry: Registry): AdminWebMetrics {
  // The kernel's upstream metrics, which the dashboard reads for every web app.
  const upstream = createUpstreamMetrics(registry, [adminWrite.name]);
  return {
    signIns: new Counter({
      name: 'mystore_admin_sign_ins_total',
      help: 'Sign-in attempts on the admin console, by result (success, failure, limited).',
      labelNames: ['result'],
      registers: [registry],
    }),
    adminApiDuration: {
      observe({ operation, outcome }, seconds, failure) {
        const status = Number(outcome);
        upstream.observe({
          upstream: adminWrite.name,
          operation,
          outcome: Number.isInteger(status) ? status : outcome,
          seconds,
          ...(failure ? { failure } : {}),
        });
      },
    },
  };
}
