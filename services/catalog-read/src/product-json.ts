import { publicImageUrl } from '@mystore/catalog-rules';
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
    image_url: publicImageUrl(record.image_url, assetBase),
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}
