import { Type } from 'typebox';
import { MAX_IMAGE_URL_LENGTH, productFields } from './product-fields.js';

/** Money as it leaves every API: an exact decimal string with two places, never a float. */
const PriceOut = Type.String({ pattern: '^\\d+\\.\\d{2}$', description: 'Exact decimal with two places.' });
const Timestamp = Type.String({ format: 'date-time' });

/**
 * What every product answer shares. Stored fields are described by the very rules that admitted them
 * (product-fields.ts), so whatever the admin API accepts, a response serializer accepts too.
 */
const sharedFields = {
  id: Type.Integer({ minimum: 1 }),
  name: productFields.name,
  description: productFields.description,
  price: PriceOut,
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.' }),
  category: productFields.category,
  stock_quantity: productFields.stock_quantity,
  in_stock: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
};

/**
 * A public product. `image_url` is absolute: a stored root-relative path is resolved against the
 * storefront (see `publicImageUrl`); a stored absolute URL is served as stored.
 */
export const PublicProductSchema = Type.Object(
  {
    ...sharedFields,
    image_url: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
  },
  { additionalProperties: false },
);

/** An admin product: the public fields plus `is_active`, `sku` and `version`; `image_url` as stored. */
export const AdminProductSchema = Type.Object(
  {
    ...sharedFields,
    image_url: productFields.image_url,
    is_active: productFields.is_active,
    sku: productFields.sku,
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

/**
 * The URL a customer's browser loads for a stored image URL: absolute http(s) URLs as stored, a
 * root-relative path resolved against the storefront's base. A stored value is valid by the write
 * rules, so the result is a valid absolute URI; anything else (never admitted by those rules) is null.
 */
export function publicImageUrl(stored: string | null, assetBase: URL): string | null {
  if (!stored || stored.length > MAX_IMAGE_URL_LENGTH) return null;
  if (/^https?:\/\//i.test(stored)) return stored;
  // '//host' and '/\host' would leave the storefront (URL parsing reads '\' as '/').
  if (/^\/[^/\\]/.test(stored)) return new URL(stored, assetBase).href;
  return null;
}
