import { registerApiIndex, type ServiceInstance } from '@mystore/service-kernel';
import { registerAuth } from '../auth.js';
import { registerJsonBodyParser } from '../json-body.js';
import { exportRoutes } from './export.js';
import { importRoutes } from './import.js';
import { listRoutes } from './list.js';
import type { AdminRoutesOptions } from './options.js';
import { productRoutes } from './products.js';
import { NoQuery } from './route-schemas.js';

export type { AdminRoutesOptions } from './options.js';

/** The admin API, `/api/admin`: every route behind bearer authentication. */
export async function adminApi(
  app: ServiceInstance,
  options: AdminRoutesOptions & Omit<Parameters<typeof registerAuth>[1], 'failures'>,
): Promise<void> {
  await registerAuth(app, { ...options, failures: options.metrics.authFailures });
  registerJsonBodyParser(app);
  await app.register(productRoutes, options);
  await app.register(listRoutes, options);
  await app.register(importRoutes, options);
  await app.register(exportRoutes, options);
  app.get('/api/admin/openapi.json', { schema: { hide: true, querystring: NoQuery } }, async () =>
    app.swagger(),
  );
  registerApiIndex(app, {
    path: '/api/admin',
    title: 'mystore admin API',
    description: "The shop owner's catalog API: every request needs a bearer token.",
    links: {
      products: '/api/admin/products',
      product: '/api/admin/products/{id}',
      import: '/api/admin/products/import',
      export: '/api/admin/products/export.csv',
      openapi: '/api/admin/openapi.json',
    },
  });
}
