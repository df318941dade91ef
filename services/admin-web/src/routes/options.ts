import type { ProductsApi } from '../admin-api/products.js';
import type { AdminWebConfig } from '../config.js';
import type { AdminWebMetrics } from '../metrics.js';
import type { Validate } from '../product-form.js';

export interface PageOptions {
  readonly config: AdminWebConfig;
  readonly products: ProductsApi;
  readonly metrics: AdminWebMetrics;
  /** The shared product rules (ProductWriteSchema), compiled by the service's validator. */
  readonly validateProduct: Validate;
  /** … and the stock change rules (StockChangeSchema). */
  readonly validateStock: Validate;
}
