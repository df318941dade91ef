import formbody from '@fastify/formbody';
import type { ServiceInstance } from '@mystore/service-kernel';
import { registerErrorPages } from '../error-pages.js';
import { registerSessions, requireOwner } from '../session.js';
import { assetRoutes } from './assets.js';
import { importExportRoutes } from './import-export.js';
import type { PageOptions } from './options.js';
import { productActionRoutes } from './product-actions.js';
import { productRoutes } from './products.js';
import { signInRoutes } from './sign-in.js';

export type { PageOptions } from './options.js';

/**
 * The console. The stylesheet is served outside the session scope (a cacheable response must never
 * carry a Set-Cookie); every page gets sessions, CSRF and form parsing, and all but sign-in are for
 * the owner only.
 */
export async function adminPages(app: ServiceInstance, options: PageOptions): Promise<void> {
  await app.register(assetRoutes);
  await app.register(async (pages: ServiceInstance) => {
    const { config } = options;
    await registerSessions(pages, {
      keys: config.sessionKeys,
      secure: config.SESSION_COOKIE_SECURE,
      idleMinutes: config.SESSION_IDLE_MINUTES,
      maxHours: config.SESSION_MAX_HOURS,
    });
    await pages.register(formbody);
    registerErrorPages(pages);
    await pages.register(signInRoutes, options);
    await pages.register(async (owner: ServiceInstance) => {
      owner.addHook('onRequest', requireOwner);
      await owner.register(productRoutes, options);
      await owner.register(productActionRoutes, options);
      await owner.register(importExportRoutes, options);
    });
  });
}
