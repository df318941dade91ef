import type { Shop } from '../shop.js';

/**
 * Where a product's picture is loaded from: images on the storefront itself by path (so they load from
 * whatever host serves the page), other http(s) images as they are, and the placeholder otherwise.
 */
export function productImageSrc(imageUrl: string | null, shop: Shop): string {
  if (!imageUrl) return shop.assets.placeholder;
  let url: URL;
  try {
    url = new URL(imageUrl);
  } catch {
    return shop.assets.placeholder;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return shop.assets.placeholder;
  if (url.origin === shop.baseUrl.origin) return `${url.pathname}${url.search}`;
  return url.href;
}
