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

/** The console: sessions, CSRF and forms for every page; everything but sign-in and assets for the owner only. */
export async function adminPages(app: ServiceInstance, options: PageOptions): Promise<void> {
  const { config } = options;
  await registerSessions(app, {
    keys: config.sessionKeys,
    secure: config.SESSION_COOKIE_SECURE,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
  });
  await app.register(formbody);
  registerErrorPages(app);
  await app.register(assetRoutes);
  await app.register(signInRoutes, options);
  await app.register(async (owner: ServiceInstance) => {
    owner.addHook('onRequest', requireOwner);
    await owner.register(productRoutes, options);
    await owner.register(productActionRoutes, options);
    await owner.register(importExportRoutes, options);
  });
}
