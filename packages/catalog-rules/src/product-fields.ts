import { MAX_PRICE, MAX_STOCK } from '@mystore/db';
import { Type } from 'typebox';

/** Any text that is well-formed Unicode (no lone surrogates, which a database would mangle). */
const WELL_FORMED = '^[^\\uD800-\\uDFFF]*$';
/** One-line text: well-formed, no control characters. */
const PLAIN_TEXT = '^[^\\u0000-\\u001F\\u007F\\uD800-\\uDFFF]*$';

/** A decimal with at most two places in 0..MAX_PRICE, as text: `19.99`, `5`, `0.5`; never `1e3` or `05`. */
export const PRICE_TEXT_PATTERN = '^(0|[1-9]\\d{0,7})(\\.\\d{1,2})?$';
export const MAX_IMAGE_URL_LENGTH = 500;

/**
 * An image URL a browser can load as written, and so one every service can serve: an absolute http(s)
 * URL or a root-relative path (`/images/…`), valid by RFC 3986 (Ajv's `uri` / `uri-reference`
 * formats), so `|`, `{`, spaces, `]` in a path or a stray `%` must be percent-encoded. catalog-read
 * serves a path resolved against the storefront, which keeps it a valid URI.
 */
export const IMAGE_URL_DESCRIPTION =
  'An absolute http(s) URL or a root-relative path (/images/…) of at most 500 characters, valid by RFC 3986 ' +
  '(spaces, |, {, } and a % not followed by two hex digits must be percent-encoded), or null.';

/** The writable product fields and their limits; the admin API's input and every output use these. */
export const productFields = {
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
      Type.String({ pattern: PRICE_TEXT_PATTERN, description: `0 .. ${MAX_PRICE}` }),
      Type.Number({ minimum: 0, maximum: Number(MAX_PRICE) }),
    ],
    { description: 'A decimal string such as "19.99", or a JSON number with at most two decimals.' },
  ),
  category: Type.Union([Type.String({ minLength: 1, maxLength: 100, pattern: PLAIN_TEXT }), Type.Null()], {
    description: 'Text of 1..100 characters without control characters, or null.',
  }),
  stock_quantity: Type.Integer({ minimum: 0, maximum: MAX_STOCK }),
  image_url: Type.Union(
    [
      Type.String({ maxLength: MAX_IMAGE_URL_LENGTH, format: 'uri', pattern: '^https?://[^/\\\\]' }),
      Type.String({ maxLength: MAX_IMAGE_URL_LENGTH, format: 'uri-reference', pattern: '^/[^/\\\\]' }),
      Type.Null(),
    ],
    { description: IMAGE_URL_DESCRIPTION },
  ),
  is_active: Type.Boolean(),
  sku: Type.Union([Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }), Type.Null()], {
    description: "1..64 letters, digits, '.', '_' or '-', or null.",
  }),
};

const optionalFields = {
  name: Type.Optional(productFields.name),
  price: Type.Optional(productFields.price),
  description: Type.Optional(productFields.description),
  category: Type.Optional(productFields.category),
  stock_quantity: Type.Optional(productFields.stock_quantity),
  image_url: Type.Optional(productFields.image_url),
  is_active: Type.Optional(productFields.is_active),
  sku: Type.Optional(productFields.sku),
};

/** POST and PUT: name and price required; an omitted optional field takes its default. */
export const ProductWriteSchema = Type.Object(
  { ...optionalFields, name: productFields.name, price: productFields.price },
  { additionalProperties: false },
);

/** PATCH: any non-empty subset. */
export const ProductPatchSchema = Type.Object(optionalFields, {
  additionalProperties: false,
  minProperties: 1,
});

/** `POST …/stock`: a non-zero change that cannot, by itself, leave the stock range. */
export const StockChangeSchema = Type.Object(
  { delta: Type.Integer({ minimum: -MAX_STOCK, maximum: MAX_STOCK, not: { const: 0 } }) },
  { additionalProperties: false },
);

/** `{id}` in a product's path: a positive 32-bit id, as the database stores it. */
export const ProductIdParamsSchema = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
