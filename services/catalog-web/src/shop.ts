import type { AssetUrls } from './assets/manifest.js';

/** What every page needs to know about the shop it belongs to. */
export interface Shop {
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  /** The storefront's public origin and base path, e.g. https://www.mystore.com/ */
  readonly baseUrl: URL;
  readonly assets: AssetUrls;
}

/** An absolute URL on the storefront (canonical links, the sitemap). */
export function absoluteUrl(shop: Shop, path: string): string {
  return new URL(path, shop.baseUrl).href;
}
