import { register } from 'node:module';
import { setTracingShutdown } from './tracing-config.js';

/**
 * Starts the OpenTelemetry Node SDK (exporter, sampler, resource and propagators all from OTEL_*)
 * with the instrumentations DESIGN §6 names: outgoing HTTP, undici (the web apps' calls to the APIs),
 * mysql2, pino (trace ids in log lines) and @fastify/otel (each request's server span).
 */
export async function startTracing(): Promise<void> {
  // The services are ESM: the loader hook lets instrumentations patch modules as they are imported.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [
    { NodeSDK },
    { HttpInstrumentation },
    { UndiciInstrumentation },
    { MySQL2Instrumentation },
    pino,
    fastify,
  ] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-mysql2'),
    import('@opentelemetry/instrumentation-pino'),
    import('@fastify/otel'),
  ]);
  const sdk = new NodeSDK({
    instrumentations: [
      // Outgoing calls only. Incoming requests get their server span from @fastify/otel, which continues
      // the caller's traceparent itself: the http instrumentation's own server span (it binds every
      // listener of each request and response to the context) was most of what tracing cost per request.
      new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
      new UndiciInstrumentation(),
      new MySQL2Instrumentation(),
      // Trace ids in the log lines only: the lines go to stdout (DESIGN §6), so turning each one into an
      // OpenTelemetry log record as well would be work for nothing.
      new pino.PinoInstrumentation({ disableLogSending: true }),
      new fastify.FastifyOtelInstrumentation({
        registerOnInitialization: true,
        // Named as the http instrumentation names server spans: method and route.
        requestHook: (span, request) =>
          span.updateName(`${request.method} ${request.routeOptions.url ?? ''}`.trim()),
        // A request span and a handler span (database spans beneath it), not one span per lifecycle
        // hook: half the spans per request, and the hooks' time is the request's minus the handler's.
        instrumentHooks: false,
      }),
    ],
  });
  sdk.start();
  setTracingShutdown(() => sdk.shutdown());
}
