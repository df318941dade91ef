import { registerApiIndex, type ServiceInstance } from '@mystore/service-kernel';
import { EmptyQuerySchema } from '../schemas.js';
import { categoryRoutes } from './categories.js';
import type { CatalogRoutesOptions } from './options.js';
import { productRoutes } from './products.js';

export type { CatalogRoutesOptions } from './options.js';

/** The public API, `/api/v1`. */
export async function catalogApi(app: ServiceInstance, options: CatalogRoutesOptions): Promise<void> {
  await app.register(productRoutes, options);
  await app.register(categoryRoutes, options);
  app.get('/api/v1/openapi.json', { schema: { hide: true, querystring: EmptyQuerySchema } }, async () =>
    app.swagger(),
  );
  registerApiIndex(app, {
    path: '/api/v1',
    title: 'mystore catalog API',
    description: 'Active products of the shop, their categories, and the OpenAPI document of this API.',
    links: {
      products: '/api/v1/products',
      product: '/api/v1/products/{id}',
      categories: '/api/v1/categories',
      openapi: '/api/v1/openapi.json',
    },
  });
}
