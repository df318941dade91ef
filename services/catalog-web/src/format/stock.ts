/** At or below this many items a product shows "Only N left". */
export const LOW_STOCK_THRESHOLD = 5;

export type StockState =
  | { readonly kind: 'in-stock'; readonly label: string }
  | { readonly kind: 'low'; readonly label: string }
  | { readonly kind: 'out'; readonly label: string };

/** What a customer is told about a product's stock. */
export function stockState(product: {
  readonly in_stock: boolean;
  readonly stock_quantity: number;
}): StockState {
  if (!product.in_stock || product.stock_quantity <= 0) return { kind: 'out', label: 'Out of stock' };
  if (product.stock_quantity <= LOW_STOCK_THRESHOLD) {
    return { kind: 'low', label: `Only ${product.stock_quantity} left` };
  }
  return { kind: 'in-stock', label: 'In stock' };
}
