import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { loggableUrl } from './log-url.js';
import type { DurationObserver } from './request-histogram.js';

/**
 * The logger that writes request lines: a child of the service's pino logger with its own, empty,
 * redaction list (pino's documented child option). A request line holds only fields the kernel picks,
 * and the one that could carry a credential, the URL, has it replaced by `loggableUrl` first; the
 * service's redaction paths start with wildcards, which pino applies to every field of every line,
 * and that cost more than writing the rest of the line (profile in bench/BASELINE.md).
 */
export function requestLineLogger(serviceLogger: Logger): Logger {
  return serviceLogger.child({}, { redact: { paths: [] } });
}

/**
 * One log line and one duration observation per finished request, from one onResponse hook (Fastify's
 * own 'incoming request' and 'request completed' lines are turned off). The line carries the request
 * id, the trace ids when tracing runs (the pino instrumentation's mixin), and follows the route's log
 * level, so probes registered at `warn` write none. Without a logger (tests), only the duration.
 */
export function observeCompletedRequests(
  app: FastifyInstance,
  observeDuration: DurationObserver,
  requestLines: Logger | undefined,
): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    observeDuration(request.method, route ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    // request.log is the route's pino child whenever requestLines exists.
    if (requestLines && (request.log as Logger).isLevelEnabled('info')) {
      requestLines.info(
        {
          reqId: request.id,
          method: request.method,
          route,
          url: loggableUrl(request.url),
          statusCode: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 100) / 100,
          remoteAddress: request.ip,
        },
        'request',
      );
    }
    done();
  });
}
