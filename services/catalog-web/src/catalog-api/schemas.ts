import { PublicProductSchema, productListSchema } from '@mystore/catalog-rules';
import { type Static, Type } from 'typebox';

/** What catalog-read answers, checked before anything is rendered from it. */
export const ProductListSchema = productListSchema(PublicProductSchema);
export const CategoryListSchema = Type.Array(
  Type.Object({ name: Type.String(), product_count: Type.Integer({ minimum: 0 }) }),
);
export { PublicProductSchema };

export type Product = Static<typeof PublicProductSchema>;
export type ProductList = Static<typeof ProductListSchema>;
export type CategoryList = Static<typeof CategoryListSchema>;

/** The fields of a problem+json answer the storefront shows (a 400 names the parameters). */
export const ApiProblemSchema = Type.Object({
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ name: Type.String(), detail: Type.String() }))),
});
export type ApiProblem = Static<typeof ApiProblemSchema>;
