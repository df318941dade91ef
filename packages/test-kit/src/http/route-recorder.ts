import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RecordedRoute {
  readonly method: string;
  readonly url: string;
  readonly schema: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Every route of every Fastify instance created while recording: Fastify publishes each new instance
 * on the `fastify.initialization` diagnostics channel, before any plugin or route is added, and an
 * `onRoute` hook added there sees every route, including those plugins add. Call `stop()` once the
 * app is built, then read its routes with `routesOf(app)`.
 */
export function recordRoutes(): {
  routesOf(app: FastifyInstance): readonly RecordedRoute[];
  stop(): void;
} {
  const recorded = new Map<FastifyInstance, RecordedRoute[]>();
  const onInstance = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    const routes: RecordedRoute[] = [];
    recorded.set(fastify, routes);
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        routes.push({ method, url: route.url, schema: route.schema as RecordedRoute['schema'] });
      }
    });
  };
  diagnostics.subscribe('fastify.initialization', onInstance);
  return {
    routesOf(app) {
      const routes = recorded.get(app);
      if (!routes) throw new Error('this app was not created while routes were recorded');
      return routes;
    },
    stop: () => diagnostics.unsubscribe('fastify.initialization', onInstance),
  };
}
