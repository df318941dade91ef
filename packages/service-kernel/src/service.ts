import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type RawServerDefault,
} from 'fastify';
import type { HelmetOptions } from 'helmet';
import { type Logger, pino } from 'pino';
import type { Registry } from 'prom-client';
import { parseTrustProxy } from './config.js';
import { clientErrorHandler, frameworkErrorHandler } from './framework-errors.js';
import { type Lifecycle, type Readiness, registerHealthRoutes } from './health.js';
import { createStdoutDestination } from './log-destination.js';
import { loggerOptions } from './logger.js';
import { registerProblemHandlers, sendProblem } from './problem.js';
import { type CompletionObserver, RequestCompletion } from './request-completion.js';
import { RequestDurationHistogram } from './request-histogram.js';
import { requestIdOf } from './request-id.js';
import { createRequestLine, type LineSink, type RequestLine } from './request-line.js';
import { deferChildLoggers } from './request-logger.js';
import { JSON_API_HELMET_OPTIONS, staticSecurityHeaders } from './security-headers.js';
import { validatorCompiler } from './validation.js';

/** The Fastify instance every service builds on, with TypeBox schemas as the type source. */
export type ServiceInstance = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ServiceOptions {
  readonly service: string;
  readonly config: {
    readonly LOG_LEVEL: string;
    readonly LOG_PRETTY: boolean;
    readonly TRUST_PROXY: string;
  };
  readonly registry: Registry;
  readonly readiness: Readiness;
  /** Largest accepted request body (default 64 KiB). */
  readonly bodyLimit?: number;
  /** Tests pass false to keep output quiet, or a stream to read the log lines. */
  readonly logger?: false | { write(line: string): void };
  /**
   * Helmet options. Default: JSON_API_HELMET_OPTIONS (a policy that allows nothing, for JSON APIs);
   * web apps pass their own Content-Security-Policy.
   */
  readonly helmet?: HelmetOptions;
  /**
   * 'static' (default): helmet's headers computed once and set on every response. 'per-request':
   * @fastify/helmet runs helmet on every request, for policies that vary (CSP nonces).
   */
  readonly securityHeaders?: 'static' | 'per-request';
}

interface Loggers {
  readonly logger: Logger;
  /** The logger's destination, for the request line (undefined with pretty output). */
  readonly sink: LineSink | undefined;
}

function createLoggers(options: ServiceOptions): Loggers {
  const settings = loggerOptions({
    level: options.config.LOG_LEVEL,
    pretty: options.config.LOG_PRETTY && !options.logger,
    service: options.service,
  });
  if (options.logger) return { logger: pino(settings, options.logger), sink: options.logger };
  if (settings.transport) return { logger: pino(settings), sink: undefined };
  const destination = createStdoutDestination();
  return { logger: pino(settings, destination), sink: destination };
}

/**
 * A Fastify instance with what every service shares: request ids, redacted JSON logs, security headers,
 * problem+json errors, request metrics, `/healthz` and `/readyz`. Register the service's routes with
 * `registerApi` so they get load shedding and health checks do not.
 */
export async function createService(
  options: ServiceOptions,
): Promise<ServiceInstance & { lifecycle: Lifecycle }> {
  const loggers = options.logger === false ? undefined : createLoggers(options);
  const httpDuration = new RequestDurationHistogram(options.registry);
  // Made once Fastify exists: the line follows the level of Fastify's logger (`app.log`).
  let logRequest: RequestLine | undefined;
  const completed: CompletionObserver = (request, reply, elapsedMs) => {
    logRequest?.(request, reply, elapsedMs);
    httpDuration.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      elapsedMs / 1000,
    );
  };
  // Errors answered before any hook runs (routing, Node's parser) carry helmet's headers too.
  const errorHeaders = staticSecurityHeaders(options.helmet ?? JSON_API_HELMET_OPTIONS);
  const app = Fastify({
    // Without logs, a silent logger: Fastify only reports finished requests when it has a logger.
    loggerInstance: (loggers?.logger ?? pino({ level: 'silent' })) as FastifyBaseLogger,
    // Fastify also accepts a hop count here (proxy-addr); its type declarations omit numbers.
    trustProxy: parseTrustProxy(options.config.TRUST_PROXY) as boolean | string,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    requestIdHeader: false,
    genReqId: requestIdOf,
    return503OnClosing: true,
    // One line per request and its duration metric, written when Fastify reports the request finished.
    logController: new RequestCompletion(completed),
    frameworkErrors: frameworkErrorHandler(errorHeaders),
    clientErrorHandler: clientErrorHandler(errorHeaders),
  }).withTypeProvider<TypeBoxTypeProvider>();

  deferChildLoggers(app.log);
  logRequest = loggers && createRequestLine(options.service, app.log as Logger, loggers.sink);
  app.setValidatorCompiler(validatorCompiler());
  const lifecycle: Lifecycle = { draining: false };

  registerProblemHandlers(app);
  if (options.securityHeaders === 'per-request') {
    await app.register(helmet, (options.helmet ?? JSON_API_HELMET_OPTIONS) as Parameters<typeof helmet>[1]);
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
  } else {
    const securityHeaders = staticSecurityHeaders(options.helmet ?? JSON_API_HELMET_OPTIONS);
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeaders).header('x-request-id', request.id);
      done();
    });
  }
  registerHealthRoutes(app, lifecycle, options.readiness);
  return Object.assign(app, { lifecycle });
}

/** Registers API routes behind load shedding: overload answers 503 problem+json with Retry-After. */
export async function registerApi<Options extends object>(
  app: ServiceInstance,
  plugin: FastifyPluginAsync<Options>,
  options: Options,
  shedding: { maxEventLoopDelayMs?: number; retryAfterSeconds?: number; sampleIntervalMs?: number } = {},
): Promise<void> {
  await app.register(async (api) => {
    const retryAfter = String(shedding.retryAfterSeconds ?? 5);
    const maxEventLoopDelayMs = shedding.maxEventLoopDelayMs ?? 1000;
    // under-pressure measures the event loop; the check is this scope's own hook, because the plugin's
    // hook reads `request.routeOptions` (an object built per call) on every request.
    await api.register(underPressure, {
      exposeStatusRoute: false,
      sampleInterval: shedding.sampleIntervalMs ?? 1000,
    });
    api.addHook('onRequest', (_request, reply, done) => {
      if (api.memoryUsage().eventLoopDelay <= maxEventLoopDelayMs) return done();
      reply.header('retry-after', retryAfter);
      sendProblem(reply, 503, 'The server is overloaded; retry later.');
    });
    await api.register(plugin, options);
  });
}
