import { HttpProblem, listRequestOf, PublicListQuerySchema } from '@mystore/catalog-rules';
import type { ServiceInstance } from '@mystore/service-kernel';
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { Type } from 'typebox';
import { callContextOf } from '../catalog-api/call-context.js';
import { CatalogUnavailableError } from '../catalog-api/errors.js';
import { listingHref, listingPartOf, listingSearch } from '../links.js';
import { ListingPage } from '../pages/listing-page.js';
import { renderDocument } from '../pages/render.js';
import type { StorefrontOptions } from './options.js';
import { sendPage } from './send-page.js';

/** A GET form sends its empty fields (`min_price=`); an empty field means "not set". */
function dropEmptyParameters(request: FastifyRequest, _reply: unknown, done: () => void): void {
  const query = request.query as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) if (value === '') delete query[name];
  done();
}

function rawSearch(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1);
}

/** Home, categories and search: the API's list with its own parameters, rendered. */
export async function listingRoutes(app: ServiceInstance, options: StorefrontOptions): Promise<void> {
  const { api, shop } = options;
  app.get(
    '/',
    {
      schema: { querystring: PublicListQuerySchema, response: { 200: Type.String() } },
      preValidation: dropEmptyParameters,
    },
    async (request, reply) => {
      const state = request.query;
      // The rules the schema cannot express (min ≤ max, a cursor of this sort): a 400 page, no API call.
      listRequestOf(state, { isActive: true });
      // One address per state: a submitted form (empty fields, defaults) moves to the plain one.
      // Parameters the schema dropped (tracking) stay where they are: the page renders as without them.
      const search = listingSearch(state);
      if (listingPartOf(rawSearch(request.url)) !== search.toString()) {
        return reply.redirect(listingHref(state), 301);
      }

      const call = callContextOf(request);
      const [categories, list] = await Promise.all([api.categories(call), api.products(search, call)]);
      if (list.status === 400) {
        throw new HttpProblem(400, list.problem.detail, { errors: list.problem.errors ?? [] });
      }
      if (categories.status !== 200 || list.status !== 200) {
        throw new CatalogUnavailableError('catalog-read answered the listing with 404');
      }
      return sendPage(request, reply, options, {
        key: `list?${search}`,
        parts: [categories.etag, list.etag],
        render: () =>
          renderDocument(h(ListingPage, { shop, state, categories: categories.value, list: list.value })),
      });
    },
  );
}
