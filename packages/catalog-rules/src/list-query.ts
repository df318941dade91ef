import { PRODUCT_SORTS, type ProductFilter, type ProductSort } from '@mystore/db';
import { type Static, Type } from 'typebox';
import { CURSOR_TEXT, type Cursor, decodeCursor } from './cursor.js';
import { HttpProblem } from './http-problem.js';
import { PRICE_TEXT_PATTERN } from './product-fields.js';

const DEFAULT_SORT: ProductSort = 'name';
const DEFAULT_LIMIT = 20;
const PriceBound = Type.String({ pattern: PRICE_TEXT_PATTERN, description: 'A price such as 19.99.' });

/** The public list's query parameters; every one is optional, with the defaults shown. */
const listParameters = {
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact category name.' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words to search for.' })),
  min_price: Type.Optional(PriceBound),
  max_price: Type.Optional(PriceBound),
  in_stock: Type.Optional(Type.Boolean({ description: 'true: only products in stock.' })),
  sort: Type.Optional(Type.Enum([...PRODUCT_SORTS], { default: DEFAULT_SORT })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_LIMIT })),
  cursor: Type.Optional(
    Type.String({ ...CURSOR_TEXT, description: 'next_cursor or prev_cursor of an earlier page.' }),
  ),
};

export const PublicListQuerySchema = Type.Object(listParameters, { additionalProperties: false });
export type PublicListQuery = Static<typeof PublicListQuerySchema>;

/** The admin list: the public parameters plus `is_active` (inactive products are listed too). */
export const AdminListQuerySchema = Type.Object(
  { ...listParameters, is_active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type AdminListQuery = Static<typeof AdminListQuerySchema>;

/** A list request checked against the rules a schema cannot express, with its cursor decoded. */
export interface ListRequest {
  readonly filter: ProductFilter;
  readonly sort: ProductSort;
  readonly limit: number;
  readonly cursor: Cursor | undefined;
}

/**
 * A validated list query (defaults applied) as a request to the data layer; 400 when min_price is
 * above max_price or the cursor is not one of ours for this sort. Public lists pass `isActive: true`.
 */
export function listRequestOf(
  query: PublicListQuery & { is_active?: boolean },
  scope: { isActive?: boolean } = {},
): ListRequest {
  if (query.min_price && query.max_price && Number(query.min_price) > Number(query.max_price)) {
    throw new HttpProblem(400, 'invalid query parameter: min_price is greater than max_price', {
      errors: [{ name: 'min_price', detail: 'must not be greater than max_price' }],
    });
  }
  // The validator applies the defaults; these hold for a query built in code.
  const sort = query.sort ?? DEFAULT_SORT;
  return {
    filter: {
      isActive: scope.isActive ?? query.is_active,
      category: query.category,
      q: query.q,
      minPrice: query.min_price,
      maxPrice: query.max_price,
      inStock: query.in_stock === true,
    },
    sort,
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort),
  };
}
