import type { ServiceInstance } from '@mystore/service-kernel';
import { categoryRoutes } from './categories.js';
import type { CatalogRoutesOptions } from './options.js';
import { productRoutes } from './products.js';

export type { CatalogRoutesOptions } from './options.js';

/** The public API, `/api/v1`. */
export async function catalogApi(app: ServiceInstance, options: CatalogRoutesOptions): Promise<void> {
  await app.register(productRoutes, options);
  await app.register(categoryRoutes, options);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
