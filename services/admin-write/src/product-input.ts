import { MAX_PRICE, MAX_STOCK, normalizeDecimal, type ProductInput } from '@mystore/db';
import { type Static, Type } from 'typebox';

/** Any text that is well-formed Unicode (no lone surrogates, which a database would mangle). */
const WELL_FORMED = '^[^\\uD800-\\uDFFF]*$';
/** One-line text: well-formed, no control characters. */
const PLAIN_TEXT = '^[^\\u0000-\\u001F\\u007F\\uD800-\\uDFFF]*$';

/** DESIGN §4: the writable fields and their limits. */
const fields = {
  name: Type.String({
    minLength: 1,
    maxLength: 255,
    pattern: '^(?=.*\\S)[^\\u0000-\\u001F\\u007F\\uD800-\\uDFFF]+$',
    description: 'Text of 1..255 characters, not only spaces, without control characters.',
  }),
  description: Type.Union([Type.String({ maxLength: 10_000, pattern: WELL_FORMED }), Type.Null()], {
    description: 'Text of at most 10,000 characters, or null.',
  }),
  price: Type.Union(
    [
      Type.String({ pattern: '^(0|[1-9]\\d{0,7})(\\.\\d{1,2})?$', description: `0 .. ${MAX_PRICE}` }),
      Type.Number({ minimum: 0, maximum: 99_999_999.99 }),
    ],
    { description: 'A decimal string such as "19.99", or a JSON number with at most two decimals.' },
  ),
  category: Type.Union([Type.String({ minLength: 1, maxLength: 100, pattern: PLAIN_TEXT }), Type.Null()], {
    description: 'Text of 1..100 characters without control characters, or null.',
  }),
  stock_quantity: Type.Integer({ minimum: 0, maximum: MAX_STOCK }),
  image_url: Type.Union(
    [
      Type.String({
        maxLength: 500,
        pattern: '^(https?://[^\\s/\\\\]+[^\\s\\\\]*|/[^/\\s\\\\][^\\s\\\\]*)$',
      }),
      Type.Null(),
    ],
    {
      description:
        'An absolute http(s) URL or a root-relative path (/images/…) of at most 500 characters, or null.',
    },
  ),
  is_active: Type.Boolean(),
  sku: Type.Union([Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }), Type.Null()], {
    description: "1..64 letters, digits, '.', '_' or '-', or null.",
  }),
};

/** POST and PUT: name and price required; an omitted optional field takes its default. */
export const ProductWriteSchema = Type.Object(
  {
    name: fields.name,
    price: fields.price,
    description: Type.Optional(fields.description),
    category: Type.Optional(fields.category),
    stock_quantity: Type.Optional(fields.stock_quantity),
    image_url: Type.Optional(fields.image_url),
    is_active: Type.Optional(fields.is_active),
    sku: Type.Optional(fields.sku),
  },
  { additionalProperties: false },
);
export type ProductWrite = Static<typeof ProductWriteSchema>;

/** PATCH: any non-empty subset. */
export const ProductPatchSchema = Type.Object(
  {
    name: Type.Optional(fields.name),
    price: Type.Optional(fields.price),
    description: Type.Optional(fields.description),
    category: Type.Optional(fields.category),
    stock_quantity: Type.Optional(fields.stock_quantity),
    image_url: Type.Optional(fields.image_url),
    is_active: Type.Optional(fields.is_active),
    sku: Type.Optional(fields.sku),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ProductPatch = Static<typeof ProductPatchSchema>;

export const StockChangeSchema = Type.Object(
  { delta: Type.Integer({ minimum: -MAX_STOCK, maximum: MAX_STOCK, not: { const: 0 } }) },
  { additionalProperties: false },
);

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
