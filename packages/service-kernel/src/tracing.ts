/**
 * OpenTelemetry for a service process (DESIGN §6), loaded before the app:
 * `node --import @mystore/service-kernel/tracing build/server.js`. It is configured by the standard
 * `OTEL_*` variables and stays off unless a trace exporter is configured, so an untraced service loads
 * none of the SDK and pays nothing per request.
 */
import { tracingConfigured } from './tracing-config.js';

if (tracingConfigured(process.env)) {
  const { startTracing } = await import('./tracing-sdk.js');
  await startTracing();
}
