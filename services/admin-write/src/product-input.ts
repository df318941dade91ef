import type { ProductPatchSchema, ProductWriteSchema } from '@mystore/catalog-rules';
import { normalizeDecimal, type ProductInput } from '@mystore/db';
import type { Static } from 'typebox';

export type ProductWrite = Static<typeof ProductWriteSchema>;
export type ProductPatch = Static<typeof ProductPatchSchema>;

/** A validated price (string or number with ≤ 2 decimals, already range-checked) as its exact decimal. */
export function priceText(price: string | number): string {
  return typeof price === 'number' ? price.toFixed(2) : normalizeDecimal(price);
}

/** PUT/POST body → the full row: omitted optional fields take their defaults. */
export function toProductInput(body: ProductWrite): ProductInput {
  return {
    name: body.name,
    price: priceText(body.price),
    description: body.description ?? null,
    category: body.category ?? null,
    stock_quantity: body.stock_quantity ?? 0,
    image_url: body.image_url ?? null,
    is_active: body.is_active ?? true,
    sku: body.sku ?? null,
  };
}

/** PATCH body → only the fields it names. */
export function toProductChanges(body: ProductPatch): Partial<ProductInput> {
  const { price, ...rest } = body;
  return price === undefined ? rest : { ...rest, price: priceText(price) };
}
