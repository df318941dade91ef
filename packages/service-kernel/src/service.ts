import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  LogController,
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
import { HttpProblem, registerProblemHandlers } from './problem.js';
import { observeCompletedRequests, requestLineLogger } from './request-completion.js';
import { createRequestDurationHistogram } from './request-histogram.js';
import { requestIdOf } from './request-id.js';
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

/** pino with the kernel's options: to the test's stream, pretty (local run), or buffered stdout. */
function createLogger(options: ServiceOptions, stream: { write(line: string): void } | undefined): Logger {
  const settings = loggerOptions({
    level: options.config.LOG_LEVEL,
    pretty: options.config.LOG_PRETTY && !stream,
    service: options.service,
  });
  if (stream) return pino(settings, stream);
  if (settings.transport) return pino(settings);
  return pino(settings, createStdoutDestination());
}

/**
 * A Fastify instance with what every service shares: request ids, redacted JSON logs, security headers,
 * problem+json errors, request metrics, `/healthz` and `/readyz`. Register the service's routes with
 * `registerApi` so they get load shedding and health checks do not.
 */
export async function createService(
  options: ServiceOptions,
): Promise<ServiceInstance & { lifecycle: Lifecycle }> {
  // Errors answered before any hook runs (routing, Node's parser) carry helmet's headers too.
  const errorHeaders = staticSecurityHeaders(options.helmet ?? JSON_API_HELMET_OPTIONS);
  const logger = options.logger === false ? undefined : createLogger(options, options.logger);
  const app = Fastify({
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : { logger: false }),
    // Fastify also accepts a hop count here (proxy-addr); its type declarations omit numbers.
    trustProxy: parseTrustProxy(options.config.TRUST_PROXY) as boolean | string,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    requestIdHeader: false,
    genReqId: requestIdOf,
    return503OnClosing: true,
    // One line per request (request-completion.ts) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: frameworkErrorHandler(errorHeaders),
    clientErrorHandler: clientErrorHandler(errorHeaders),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler());
  const lifecycle: Lifecycle = { draining: false };

  registerProblemHandlers(app);
  observeCompletedRequests(
    app,
    createRequestDurationHistogram(options.registry),
    logger && requestLineLogger(logger),
  );
  if (options.securityHeaders === 'per-request') {
    await app.register(helmet, (options.helmet ?? JSON_API_HELMET_OPTIONS) as Parameters<typeof helmet>[1]);
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
  } else {
    // helmet's own headers, computed once by helmet: they do not vary per request, and running its
    // middleware chain on every request cost a third of an API's throughput.
    const securityHeaders = staticSecurityHeaders(options.helmet ?? JSON_API_HELMET_OPTIONS);
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeaders).header('x-request-id', request.id);
      done();
    });
  }
  registerHealthRoutes(app, lifecycle, options.readiness);
  return Object.assign(app, { lifecycle });
}

/** What under-pressure throws for a shed request (its `customError`). */
class OverloadedProblem extends HttpProblem {
  constructor() {
    super(503, 'The server is overloaded; retry later.');
  }
}

/** Registers API routes behind load shedding: overload answers 503 problem+json with Retry-After. */
export async function registerApi<Options extends object>(
  app: ServiceInstance,
  plugin: FastifyPluginAsync<Options>,
  options: Options,
  shedding: { maxEventLoopDelayMs?: number; retryAfterSeconds?: number; sampleIntervalMs?: number } = {},
): Promise<void> {
  await app.register(async (api) => {
    await api.register(underPressure, {
      maxEventLoopDelay: shedding.maxEventLoopDelayMs ?? 1000,
      sampleInterval: shedding.sampleIntervalMs ?? 1000,
      retryAfter: shedding.retryAfterSeconds ?? 5,
      // The problem handler answers it as problem+json; under-pressure has set Retry-After.
      customError: OverloadedProblem,
      exposeStatusRoute: false,
    });
    await api.register(plugin, options);
  });
}
