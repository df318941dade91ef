import type { ProductRecord } from '@mystore/db';
import type { ProductJson } from './schemas.js';

/** Public product JSON: exact price string, currency, stock flag, absolute image URL. */
export function toProductJson(record: ProductRecord, currency: string, assetBase: URL): ProductJson {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    price: record.price,
    currency,
    category: record.category,
    stock_quantity: record.stock_quantity,
    in_stock: record.stock_quantity > 0,
    image_url: absoluteImageUrl(record.image_url, assetBase),
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

/** A stored root-relative path resolves against the storefront; absolute http(s) URLs stay as they are. */
export function absoluteImageUrl(imageUrl: string | null, assetBase: URL): string | null {
  if (!imageUrl) return null;
  if (/^https?:\/\//i.test(imageUrl)) return imageUrl;
  // '//host' and '/\\host' would leave the storefront (URL parsing reads '\\' as '/').
  if (/^\/[^/\\]/.test(imageUrl)) return new URL(imageUrl, assetBase).href;
  return null;
}
