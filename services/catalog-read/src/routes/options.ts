import type { CatalogReader } from '../catalog-reader.js';

export interface CatalogRoutesOptions {
  readonly reader: CatalogReader;
  readonly currency: string;
  readonly assetBase: URL;
  readonly cacheControl: string;
  /** Part of every ETag: what besides the data shapes a response (currency, asset base, API revision). */
  readonly representation: string;
}
