export { type Cursor, type CursorDirection, decodeCursor, encodeCursor } from './cursor.js';
export { databaseProblemOf } from './database-problems.js';
export { fieldErrorsOf, type ValidationIssue } from './field-errors.js';
export { type FieldError, HttpProblem, invalidQueryParameter } from './http-problem.js';
export {
  type AdminListQuery,
  AdminListQuerySchema,
  type ListRequest,
  listRequestOf,
  type PublicListQuery,
  PublicListQuerySchema,
} from './list-query.js';
export {
  IMAGE_URL_DESCRIPTION,
  PRICE_TEXT_PATTERN,
  ProductIdParamsSchema,
  ProductPatchSchema,
  ProductWriteSchema,
  productFields,
  StockChangeSchema,
} from './product-fields.js';
export { AdminProductSchema, PublicProductSchema, publicImageUrl } from './product-json.js';
export { productListJson, productListSchema } from './product-list.js';
