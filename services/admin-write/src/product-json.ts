import type { ProductRecord } from '@mystore/db';

/** Admin product JSON (AdminProductSchema): the stored fields, the shop's currency and the stock flag. */
export function toAdminProductJson(record: ProductRecord, currency: string) {
  return { ...record, currency, in_stock: record.stock_quantity > 0 };
}

/** The ETag of a product: its row version. */
export function productEtag(record: Pick<ProductRecord, 'version'>): string {
  return `"${record.version}"`;
}
