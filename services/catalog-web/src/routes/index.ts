import { HttpProblem } from '@mystore/catalog-rules';
import type { ServiceInstance } from '@mystore/service-kernel';
import { listingRoutes } from './listing.js';
import type { StorefrontOptions } from './options.js';
import { pageErrorHandler } from './page-errors.js';
import { productRoutes } from './product.js';
import { seoRoutes } from './seo.js';
import { staticFileRoutes } from './static-files.js';

export type { StorefrontOptions } from './options.js';

/** The storefront's pages and files; errors answered as pages. */
export async function storefront(app: ServiceInstance, options: StorefrontOptions): Promise<void> {
  app.setErrorHandler(pageErrorHandler(options.shop));
  await app.register(listingRoutes, options);
  await app.register(productRoutes, options);
  await app.register(seoRoutes, options);
  await app.register(staticFileRoutes, options);
  // Any other address a browser asks for: the friendly 404 page.
  app.get('/*', { logLevel: 'warn' }, async () => {
    throw new HttpProblem(404, 'no such page');
  });
}
