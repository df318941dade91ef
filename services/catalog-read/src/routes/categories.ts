import { listCategories } from '@mystore/db';
import { ProblemSchema, type ServiceInstance } from '@mystore/service-kernel';
import { CategoryListSchema, EmptyQuerySchema } from '../schemas.js';
import { answerFromCatalog } from './answer.js';
import type { CatalogRoutesOptions } from './options.js';

export async function categoryRoutes(app: ServiceInstance, options: CatalogRoutesOptions): Promise<void> {
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
    },
    async (request, reply) =>
      answerFromCatalog(request, reply, options, 'categories', async (snapshot) => ({
        status: 200,
        body: await listCategories(snapshot),
      })),
  );
}
