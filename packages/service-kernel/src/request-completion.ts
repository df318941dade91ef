import type { FastifyInstance } from 'fastify';
import { loggableUrl } from './log-url.js';
import type { DurationObserver } from './request-histogram.js';

/**
 * One log line and one duration observation per finished request, from one onResponse hook (Fastify's
 * own 'incoming request' and 'request completed' lines are turned off). The line goes through
 * `request.log`: it carries the request id, the trace ids when tracing runs, and follows the route's log
 * level, so probes registered at `warn` write none. Credentials in the query string are redacted.
 */
export function observeCompletedRequests(app: FastifyInstance, observeDuration: DurationObserver): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    observeDuration(request.method, route ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    request.log.info(
      {
        method: request.method,
        route,
        url: loggableUrl(request.url),
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        remoteAddress: request.ip,
      },
      'request',
    );
    done();
  });
}
