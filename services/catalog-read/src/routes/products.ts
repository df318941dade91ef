import { getProduct, listProductPage, type ProductFilter } from '@mystore/db';
import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  type ServiceInstance,
} from '@mystore/service-kernel';
import { checkCursor } from '../cursor.js';
import { toProductJson } from '../product-json.js';
import {
  EmptyQuerySchema,
  ProductListQuerySchema,
  ProductListSchema,
  ProductParamsSchema,
  ProductSchema,
} from '../schemas.js';
import { AcceptedUrls, answeredFromCache, answerFreshHits } from './fresh-hits.js';
import type { CatalogRoutesOptions } from './options.js';
import { replyNotModified, sendCatalogResponse, serializeJson } from './send.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export async function productRoutes(app: ServiceInstance, options: CatalogRoutesOptions): Promise<void> {
  const { reader, currency, assetBase } = options;
  const acceptedLists = new AcceptedUrls();
  const acceptedProducts = new AcceptedUrls();

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
        querystring: ProductListQuerySchema,
        response: {
          200: ProductListSchema,
          304: { type: 'null' },
          '4xx': ProblemSchema,
          '5xx': ProblemSchema,
        },
      },
      onRequest: answerFreshHits(acceptedLists, options),
    },
    // Not async: a fresh cache hit is answered synchronously, without a promise per request.
    (request, reply) => {
      const query = request.query;
      if (query.min_price && query.max_price && Number(query.min_price) > Number(query.max_price)) {
        throw new HttpProblem(400, 'invalid query parameter: min_price is greater than max_price', {
          errors: [{ name: 'min_price', detail: 'must not be greater than max_price' }],
        });
      }
      checkCursor(query.cursor, query.sort);
      // The normalized query: parameter order and defaults do not split the cache.
      const key = `products?${JSON.stringify([query.category, query.q, query.min_price, query.max_price, query.in_stock === true, query.sort, query.limit, query.cursor])}`;
      acceptedLists.remember(request.url, key);
      if (answeredFromCache(request, reply, key, options)) return;
      const filter: ProductFilter = {
        isActive: true,
        category: query.category,
        q: query.q,
        minPrice: query.min_price,
        maxPrice: query.max_price,
        inStock: query.in_stock === true,
      };
      return reader
        .respond(key, async (db) => {
          const page = await listProductPage(db, {
            filter,
            sort: query.sort,
            limit: query.limit,
            cursor: query.cursor,
          });
          const body = serializeJson(reply, {
            ...page,
            items: page.items.map((record) => toProductJson(record, currency, assetBase)),
            // Counted exactly in the same snapshot; a catalog of this size never needs an estimate.
            total_is_estimate: false,
          });
          return { status: 200, contentType: JSON_TYPE, body };
        })
        .then((outcome) => {
          sendCatalogResponse(request, reply, outcome, options);
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
        params: ProductParamsSchema,
        querystring: EmptyQuerySchema,
        response: { 200: ProductSchema, 304: { type: 'null' }, '4xx': ProblemSchema, '5xx': ProblemSchema },
      },
      onRequest: answerFreshHits(acceptedProducts, options),
    },
    async (request, reply) => {
      const { id } = request.params;
      const key = `product/${id}`;
      acceptedProducts.remember(request.url, key);
      if (replyNotModified(request, reply, options)) return reply;
      const outcome = await reader.respond(key, async (db) => {
        const record = await getProduct(db, id, { activeOnly: true });
        if (!record) {
          const problem = {
            type: 'about:blank',
            title: 'Not Found',
            status: 404,
            detail: `no product ${id}`,
          };
          return { status: 404, contentType: PROBLEM_CONTENT_TYPE, body: JSON.stringify(problem) };
        }
        return {
          status: 200,
          contentType: JSON_TYPE,
          body: serializeJson(reply, toProductJson(record, currency, assetBase)),
        };
      });
      return sendCatalogResponse(request, reply, outcome, options);
    },
  );
}
