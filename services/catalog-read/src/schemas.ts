import { MAX_PRICE, PRODUCT_SORTS } from '@mystore/db';
import { type Static, Type } from 'typebox';

const PRICE_PATTERN = '^(0|[1-9]\\d{0,7})(\\.\\d{1,2})?$';

export const ProductSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    price: Type.String({ pattern: '^\\d+\\.\\d{2}$', description: 'Exact decimal with two places.' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    category: Type.Union([Type.String(), Type.Null()]),
    stock_quantity: Type.Integer({ minimum: 0 }),
    in_stock: Type.Boolean(),
    image_url: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type ProductJson = Static<typeof ProductSchema>;

export const ProductListQuerySchema = Type.Object(
  {
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    min_price: Type.Optional(Type.String({ pattern: PRICE_PATTERN, description: `0 .. ${MAX_PRICE}` })),
    max_price: Type.Optional(Type.String({ pattern: PRICE_PATTERN, description: `0 .. ${MAX_PRICE}` })),
    in_stock: Type.Optional(Type.Boolean()),
    sort: Type.Enum([...PRODUCT_SORTS], { default: 'name' }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuerySchema>;

export const ProductListSchema = Type.Object(
  {
    items: Type.Array(ProductSchema),
    next_cursor: Type.Union([Type.String(), Type.Null()]),
    prev_cursor: Type.Union([Type.String(), Type.Null()]),
    total: Type.Integer({ minimum: 0 }),
    total_is_estimate: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ProductParamsSchema = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

export const CategoryListSchema = Type.Array(
  Type.Object(
    { name: Type.String(), product_count: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  ),
);

export const EmptyQuerySchema = Type.Object({}, { additionalProperties: false });
