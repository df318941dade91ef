import { listCategories } from '@mystore/db';
import { ProblemSchema, type ServiceInstance } from '@mystore/service-kernel';
import { CategoryListSchema, EmptyQuerySchema } from '../schemas.js';
import { AcceptedUrls, answerFreshHits } from './fresh-hits.js';
import type { CatalogRoutesOptions } from './options.js';
import { replyNotModified, sendCatalogResponse, serializeJson } from './send.js';

export async function categoryRoutes(app: ServiceInstance, options: CatalogRoutesOptions): Promise<void> {
  const accepted = new AcceptedUrls();
  app.get(
    '/api/v1/categories',
    {
      schema: {
        operationId: 'listCategories',
        tags: ['categories'],
        summary: 'Categories of active products with their counts',
        description: 'Every category that has an active product, by name, with how many it has.',
        querystring: EmptyQuerySchema,
        response: {
          200: CategoryListSchema,
          304: { type: 'null' },
          '4xx': ProblemSchema,
          '5xx': ProblemSchema,
        },
      },
      onRequest: answerFreshHits(accepted, options),
    },
    async (request, reply) => {
      accepted.remember(request.url, 'categories');
      if (replyNotModified(request, reply, options)) return reply;
      const outcome = await options.reader.respond('categories', async (db) => ({
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: serializeJson(reply, await listCategories(db)),
      }));
      return sendCatalogResponse(request, reply, outcome, options);
    },
  );
}
