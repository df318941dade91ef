import type { ProductRecord } from '@mystore/db';
import { Type } from 'typebox';

/** Admin product JSON: the public fields plus is_active, sku and version; image_url as stored. */
export const AdminProductSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    price: Type.String({ pattern: '^\\d+\\.\\d{2}$' }),
    currency: Type.String(),
    category: Type.Union([Type.String(), Type.Null()]),
    stock_quantity: Type.Integer({ minimum: 0 }),
    in_stock: Type.Boolean(),
    image_url: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
    is_active: Type.Boolean(),
    sku: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export function toAdminProductJson(record: ProductRecord, currency: string) {
  return { ...record, currency, in_stock: record.stock_quantity > 0 };
}

/** The ETag of a product: its row version. */
export function productEtag(record: Pick<ProductRecord, 'version'>): string {
  return `"${record.version}"`;
}
