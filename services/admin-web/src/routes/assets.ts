import type { ServiceInstance } from '@mystore/service-kernel';
import { Type } from 'typebox';
import { STYLESHEET, STYLESHEET_PATH } from '../views/styles.js';

/** The stylesheet, at a URL that changes with its content: cached for good, no session needed. */
export async function assetRoutes(app: ServiceInstance): Promise<void> {
  app.get(
    STYLESHEET_PATH,
    {
      schema: {
        response: { 200: { description: 'CSS', content: { 'text/css': { schema: Type.String() } } } },
      },
    },
    async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(STYLESHEET),
  );
}
