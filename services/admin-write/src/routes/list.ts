import {
  AdminListQuerySchema,
  AdminProductSchema,
  listRequestOf,
  productListJson,
  productListSchema,
} from '@mystore/catalog-rules';
import { listProductPage } from '@mystore/db';
import { ProblemSchema, type ServiceInstance } from '@mystore/service-kernel';
import { toAdminProductJson } from '../product-json.js';
import type { AdminRoutesOptions } from './options.js';

/** `GET /api/admin/products`: the public filters, sort and cursors, inactive products included. */
export async function listRoutes(app: ServiceInstance, options: AdminRoutesOptions): Promise<void> {
  app.get(
    '/api/admin/products',
    {
      schema: {
        operationId: 'listProducts',
        tags: ['products'],
        summary: 'List products, inactive included (filter with is_active)',
        description: 'The public filters, sort and keyset paging (follow next_cursor / prev_cursor).',
        querystring: AdminListQuerySchema,
        response: {
          200: productListSchema(AdminProductSchema),
          '4xx': ProblemSchema,
          '5xx': ProblemSchema,
        },
      },
    },
    async (request) => {
      const list = listRequestOf(request.query);
      const page = await listProductPage(options.handle.db, {
        filter: list.filter,
        sort: list.sort,
        limit: list.limit,
        from: list.cursor,
      });
      return productListJson(page, list.sort, (record) => toAdminProductJson(record, options.currency));
    },
  );
}
