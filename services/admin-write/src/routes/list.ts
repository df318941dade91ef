import { CursorError, listProductPage, PRODUCT_SORTS } from '@mystore/db';
import { HttpProblem, ProblemSchema, type ServiceInstance } from '@mystore/service-kernel';
import { Type } from 'typebox';
import { AdminProductSchema, toAdminProductJson } from '../product-json.js';
import type { AdminRoutesOptions } from './options.js';

const PRICE = '^(0|[1-9]\\d{0,7})(\\.\\d{1,2})?$';

const AdminListQuerySchema = Type.Object(
  {
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    min_price: Type.Optional(Type.String({ pattern: PRICE })),
    max_price: Type.Optional(Type.String({ pattern: PRICE })),
    in_stock: Type.Optional(Type.Boolean()),
    is_active: Type.Optional(Type.Boolean()),
    sort: Type.Enum([...PRODUCT_SORTS], { default: 'name' }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);

const AdminListSchema = Type.Object({
  items: Type.Array(AdminProductSchema),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  prev_cursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer(),
  total_is_estimate: Type.Boolean(),
});

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
        response: { 200: AdminListSchema, '4xx': ProblemSchema, '5xx': ProblemSchema },
      },
    },
    async (request) => {
      const query = request.query;
      if (query.min_price && query.max_price && Number(query.min_price) > Number(query.max_price)) {
        throw new HttpProblem(400, 'invalid query parameter: min_price is greater than max_price', {
          errors: [{ name: 'min_price', detail: 'must not be greater than max_price' }],
        });
      }
      try {
        const page = await listProductPage(options.handle.db, {
          filter: {
            category: query.category,
            q: query.q,
            minPrice: query.min_price,
            maxPrice: query.max_price,
            inStock: query.in_stock === true,
            isActive: query.is_active,
          },
          sort: query.sort,
          limit: query.limit,
          cursor: query.cursor,
        });
        return {
          ...page,
          items: page.items.map((record) => toAdminProductJson(record, options.currency)),
          total_is_estimate: false,
        };
      } catch (error) {
        if (!(error instanceof CursorError)) throw error;
        throw new HttpProblem(400, `invalid query parameter: cursor (${error.message})`, {
          errors: [{ name: 'cursor', detail: error.message }],
        });
      }
    },
  );
}
