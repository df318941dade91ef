import type { ProductPageWithTotal, ProductRecord, ProductSort } from '@mystore/db';
import { type TSchema, Type } from 'typebox';
import { CURSOR_TEXT, encodeCursor } from './cursor.js';

const CursorOut = Type.Union([Type.String(CURSOR_TEXT), Type.Null()]);

/** A page of a product list, as both APIs answer it. */
export function productListSchema<Item extends TSchema>(item: Item) {
  return Type.Object(
    {
      items: Type.Array(item),
      next_cursor: CursorOut,
      prev_cursor: CursorOut,
      total: Type.Integer({ minimum: 0 }),
      total_is_estimate: Type.Boolean(),
    },
    { additionalProperties: false },
  );
}

/** A page from the data layer as list JSON: items converted, positions turned into cursors. */
export function productListJson<Item>(
  page: ProductPageWithTotal,
  sort: ProductSort,
  toJson: (record: ProductRecord) => Item,
) {
  return {
    items: page.items.map(toJson),
    next_cursor: page.next && encodeCursor('after', sort, page.next),
    prev_cursor: page.previous && encodeCursor('before', sort, page.previous),
    total: page.total,
    // Counted exactly in the same read; a catalog of this size never needs an estimate.
    total_is_estimate: false,
  };
}
