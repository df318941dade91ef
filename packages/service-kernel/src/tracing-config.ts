import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/** Where the tracing bootstrap leaves its shutdown, for the kernel's SIGTERM handling to flush spans. */
const TRACING_SHUTDOWN = Symbol.for('mystore.tracing.shutdown');

type WithTracing = typeof globalThis & { [TRACING_SHUTDOWN]?: () => Promise<void> };

/**
 * True when the OTEL_* environment asks for traces: an exporter named in OTEL_TRACES_EXPORTER (not
 * `none`), or an OTLP endpoint; never with OTEL_SDK_DISABLED=true.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim());
  if (exporters.some((name) => name !== '' && name !== 'none')) return true;
  if (exporters.includes('none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export function setTracingShutdown(shutdown: () => Promise<void>): void {
  (globalThis as WithTracing)[TRACING_SHUTDOWN] = shutdown;
}

/** True once the bootstrap has started tracing in this process. */
export function tracingStarted(): boolean {
  return (globalThis as WithTracing)[TRACING_SHUTDOWN] !== undefined;
}

/** Flushes and stops tracing if the bootstrap started it (bounded: never holds up an exit for long). */
export async function shutdownTracing(timeoutMs = 2000): Promise<void> {
  const shutdown = (globalThis as WithTracing)[TRACING_SHUTDOWN];
  if (!shutdown) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    shutdown().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs `work` with tracing suppressed, and with it every timer and promise it starts: background loops
 * (replica checks, version polls, heartbeats) and probes would otherwise send a root trace per query.
 */
export function untraced<T>(work: () => T): T {
  return context.with(suppressTracing(context.active()), work);
}
