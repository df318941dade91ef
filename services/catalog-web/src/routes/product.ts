import { HttpProblem, ProductIdParamsSchema } from '@mystore/catalog-rules';
import type { ServiceInstance } from '@mystore/service-kernel';
import { h } from 'preact';
import { Type } from 'typebox';
import { callContextOf } from '../catalog-api/call-context.js';
import { productPath } from '../format/slug.js';
import { ProductPage } from '../pages/product-page.js';
import { renderDocument } from '../pages/render.js';
import type { StorefrontOptions } from './options.js';
import { sendPage } from './send-page.js';

const ProductPathSchema = Type.Object(
  { ...ProductIdParamsSchema.properties, slug: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
);

/** A product's page at `/products/<id>/<slug of its name>`; any other spelling redirects there. */
export async function productRoutes(app: ServiceInstance, options: StorefrontOptions): Promise<void> {
  const { api, shop } = options;
  app.get(
    '/products/:id/:slug?',
    { schema: { params: ProductPathSchema, response: { 200: Type.String() } } },
    async (request, reply) => {
      const answer = await api.product(request.params.id, callContextOf(request));
      if (answer.status !== 200) throw new HttpProblem(404, 'no such product');
      const product = answer.value;
      // An old slug or a missing one: the one address of this product. A query string (tracking
      // parameters: the page reads none) is kept on the way and ignored, as on listing pages; the page's
      // canonical link is the plain address.
      const path = productPath(product);
      const query = request.url.indexOf('?');
      const requestedPath = query === -1 ? request.url : request.url.slice(0, query);
      if (requestedPath !== path)
        return reply.redirect(path + (query === -1 ? '' : request.url.slice(query)), 301);
      return sendPage(request, reply, options, {
        key: `product/${product.id}`,
        parts: [answer.etag],
        render: () => renderDocument(h(ProductPage, { shop, product })),
      });
    },
  );
}
