import { PublicProductSchema, productListSchema } from '@mystore/catalog-rules';
import { type Static, Type } from 'typebox';

export type ProductJson = Static<typeof PublicProductSchema>;

export const ProductListSchema = productListSchema(PublicProductSchema);

export const CategoryListSchema = Type.Array(
  Type.Object(
    { name: Type.String(), product_count: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  ),
);

export const EmptyQuerySchema = Type.Object({}, { additionalProperties: false });
