import type { AssetManifest } from '../assets/manifest.js';
import type { CatalogApi } from '../catalog-api/client.js';
import type { PageCache } from '../page-cache.js';
import type { Shop } from '../shop.js';

export interface StorefrontOptions {
  readonly api: CatalogApi;
  readonly shop: Shop;
  readonly pages: PageCache;
  readonly assets: AssetManifest;
  /** Cache-Control of pages made from catalog data. */
  readonly pageCacheControl: string;
}
