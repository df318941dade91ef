import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Lifecycle } from './health.js';
import { startMetricsServer } from './metrics.js';
import { shutdownTracing } from './tracing-config.js';

export interface RunningService {
  readonly port: number;
  readonly metricsPort: number;
  /** What SIGTERM/SIGINT do: stop taking traffic, finish in-flight requests, close everything. */
  shutdown(reason: string): Promise<void>;
}

/**
 * Listens on PORT and METRICS_PORT and shuts down gracefully on SIGTERM/SIGINT: readiness turns 503,
 * in-flight requests finish (new ones get 503), the app's onClose hooks close pools, and the process
 * exits within SHUTDOWN_TIMEOUT_MS whatever happens.
 */
export async function runService(
  app: FastifyInstance & { lifecycle: Lifecycle },
  registry: Registry,
  config: {
    readonly PORT: number;
    readonly HOST: string;
    readonly METRICS_PORT: number;
    readonly SHUTDOWN_TIMEOUT_MS: number;
  },
  options: { readonly exit?: (code: number) => void } = {},
): Promise<RunningService> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  await app.listen({ port: config.PORT, host: config.HOST });
  const metrics = await startMetricsServer(registry, config.METRICS_PORT, config.HOST);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    closing ??= (async () => {
      app.log.info({ reason }, 'shutting down: draining in-flight requests');
      app.lifecycle.draining = true;
      const deadline = setTimeout(() => {
        app.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown deadline passed; exiting now');
        exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS);
      deadline.unref();
      try {
        await app.close();
        await metrics.close();
        // Spans still batched in the exporter go out now (no-op without tracing).
        await shutdownTracing();
        // Log lines still buffered are written as the process exits (log-destination.ts).
        app.log.info('shut down cleanly');
        clearTimeout(deadline);
        exit(0);
      } catch (error) {
        app.log.error({ err: error }, 'shutdown failed');
        exit(1);
      }
    })();
    return closing;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  app.log.info({ port, metricsPort: metrics.port }, 'listening');
  return { port, metricsPort: metrics.port, shutdown };
}
