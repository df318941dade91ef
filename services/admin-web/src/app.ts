import { ProductWriteSchema, StockChangeSchema } from '@mystore/catalog-rules';
import { createMetricsRegistry, createService, registerApi } from '@mystore/service-kernel';
import type { TSchema } from 'typebox';
import { AdminApiClient } from './admin-api/client.js';
import { ProductsApi } from './admin-api/products.js';
import type { AdminWebConfig } from './config.js';
import { createAdminWebMetrics } from './metrics.js';
import type { Validate } from './product-form.js';
import { adminPages } from './routes/index.js';
import { ADMIN_WEB_HELMET_OPTIONS } from './security-headers.js';

export interface BuildOptions {
  /** false silences logs (tests); a stream receives the JSON lines. */
  readonly logger?: false | { write(line: string): void };
}

/**
 * admin-web: the shop owner's console. Server-rendered pages that call admin-write with the service's
 * token; the browser holds only a sealed session cookie.
 */
export async function buildAdminWeb(config: AdminWebConfig, options: BuildOptions = {}) {
  const registry = createMetricsRegistry();
  const metrics = createAdminWebMetrics(registry);
  const client = new AdminApiClient({
    baseUrl: config.ADMIN_API_URL,
    token: config.ADMIN_API_TOKEN,
    timeoutMs: config.ADMIN_API_TIMEOUT_MS,
    metrics,
  });
  const app = await createService({
    service: 'admin-web',
    config,
    registry,
    logger: options.logger,
    helmet: ADMIN_WEB_HELMET_OPTIONS,
    // Ready whenever it runs: with admin-write down, the console still answers, with a page that says so.
    readiness: () => ({ ready: true, checks: {} }),
  });
  app.addHook('onClose', () => client.close());

  // Forms are checked with the very rules admin-write applies, compiled by the same validator.
  const compile = app.validatorCompiler;
  if (!compile) throw new Error('admin-web needs the service validator compiler');
  const validatorOf = (schema: TSchema) =>
    compile({ schema, method: 'POST', url: '/products', httpPart: 'body' }) as unknown as Validate;

  await registerApi(app, adminPages, {
    config,
    metrics,
    products: new ProductsApi(client, config.ADMIN_API_IMPORT_TIMEOUT_MS),
    validateProduct: validatorOf(ProductWriteSchema),
    validateStock: validatorOf(StockChangeSchema),
  });
  return { app, registry };
}
