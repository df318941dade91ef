import { PROBE_PATHS } from '@mystore/service-contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { untraced } from './tracing-config.js';

export interface ReadinessReport {
  readonly ready: boolean;
  /** Named checks with a short status each, e.g. { database: 'ok', schema: 'ok' }. */
  readonly checks: Readonly<Record<string, string>>;
}

/** Whether the service can serve now; given the app, so a check can read what plugins decorated it with. */
export type Readiness = (app: FastifyInstance) => ReadinessReport | Promise<ReadinessReport>;

export interface Lifecycle {
  /** True from SIGTERM on: readiness answers 503 so load balancers stop sending traffic. */
  draining: boolean;
}

const HealthSchema = Type.Object({
  status: Type.String(),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

/**
 * `/healthz`: the process is alive (never touches the database). `/readyz`: it can serve now.
 * Both stay outside load shedding and out of the OpenAPI document.
 */
export function registerHealthRoutes(app: FastifyInstance, lifecycle: Lifecycle, readiness: Readiness): void {
  const hide = { hide: true, response: { 200: HealthSchema, 503: HealthSchema } };
  // Probes write no request line (level warn) and no trace (@fastify/otel's per-route switch): they
  // would drown the requests people look for.
  const probe = { schema: hide, logLevel: 'warn', config: { otel: false } } as const;
  app.get(PROBE_PATHS.liveness, probe, async () => ({ status: 'ok' }));
  app.get(PROBE_PATHS.readiness, probe, async (_request, reply) => {
    if (lifecycle.draining) return reply.code(503).send({ status: 'draining' });
    // Probes are not traced, and neither are the queries they run.
    const report = await untraced(() => readiness(app));
    return reply.code(report.ready ? 200 : 503).send({
      status: report.ready ? 'ready' : 'not ready',
      checks: { ...report.checks },
    });
  });
}
