import {
  listRequestOf,
  ProductIdParamsSchema,
  PublicListQuerySchema,
  PublicProductSchema,
  productListJson,
} from '@mystore/catalog-rules';
import { getProduct, listProductPage } from '@mystore/db';
import { ProblemSchema, type ServiceInstance } from '@mystore/service-kernel';
import { toProductJson } from '../product-json.js';
import { EmptyQuerySchema, ProductListSchema } from '../schemas.js';
import { answerFromCatalog } from './answer.js';
import type { CatalogRoutesOptions } from './options.js';

const errors = { 304: { type: 'null' }, '4xx': ProblemSchema, '5xx': ProblemSchema } as const;

export async function productRoutes(app: ServiceInstance, options: CatalogRoutesOptions): Promise<void> {
  const { currency, assetBase } = options;

  app.get(
    '/api/v1/products',
    {
      schema: {
        operationId: 'listProducts',
        tags: ['products'],
        summary: 'List active products',
        description:
          'Filters combine with AND. Paging is keyset-based: follow next_cursor / prev_cursor. ' +
          'Responses carry an ETag; If-None-Match answers 304.',
        querystring: PublicListQuerySchema,
        response: { 200: ProductListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const list = listRequestOf(request.query, { isActive: true });
      const { filter, sort, limit, cursor } = list;
      // The normalized request: parameter order, defaults and cursor spelling do not split the cache.
      const key = `products?${JSON.stringify([filter.category, filter.q, filter.minPrice, filter.maxPrice, filter.inStock, sort, limit, cursor])}`;
      return answerFromCatalog(request, reply, options, key, async (snapshot) => {
        const page = await listProductPage(snapshot, { filter, sort, limit, from: cursor });
        const body = productListJson(page, sort, (record) => toProductJson(record, currency, assetBase));
        return { status: 200, body };
      });
    },
  );

  app.get(
    '/api/v1/products/:id',
    {
      schema: {
        operationId: 'getProduct',
        tags: ['products'],
        summary: 'One active product',
        description: 'An inactive or unknown id is 404. Responses carry an ETag; If-None-Match answers 304.',
        params: ProductIdParamsSchema,
        querystring: EmptyQuerySchema,
        response: { 200: PublicProductSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return answerFromCatalog(request, reply, options, `product/${id}`, async (snapshot) => {
        const record = await getProduct(snapshot, id, { activeOnly: true });
        if (!record) {
          return {
            problem: { type: 'about:blank', title: 'Not Found', status: 404, detail: `no product ${id}` },
          };
        }
        return { status: 200, body: toProductJson(record, currency, assetBase) };
      });
    },
  );
}
