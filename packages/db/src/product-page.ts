import {
  countProducts,
  type KeysetPosition,
  keysetPositionOf,
  listProducts,
  type ProductFilter,
  type ProductRecord,
  type ProductSort,
  type Queryable,
} from './products.js';

export interface PageRequest {
  readonly filter: ProductFilter;
  readonly sort: ProductSort;
  readonly limit: number;
  /** Where the page starts: the rows after this position (forward) or before it (backward). */
  readonly from?: { readonly direction: 'after' | 'before'; readonly position: KeysetPosition };
}

export interface ProductPageWithTotal {
  readonly items: ProductRecord[];
  /** The position to page forward from, or null on the last page. */
  readonly next: KeysetPosition | null;
  /** The position to page backward from, or null on the first page. */
  readonly previous: KeysetPosition | null;
  /** Every row matching the filter, counted in the same read as the page. */
  readonly total: number;
}

/**
 * One page in keyset order, the positions either side of it (null at either end), and the total.
 */
export async function listProductPage(db: Queryable, request: PageRequest): Promise<ProductPageWithTotal> {
  const { filter, sort, limit, from } = request;
  const backwards = from?.direction === 'before';
  const page = await listProducts(db, {
    filter,
    sort,
    limit,
    after: backwards ? undefined : from?.position,
    before: backwards ? from?.position : undefined,
  });
  // A first page that holds every match is its own count: one query (of five in a snapshot) fewer for
  // the commonest request, a small category or a narrow search.
  const total = from === undefined && !page.more ? page.items.length : await countProducts(db, filter);
  const first = page.items[0];
  const last = page.items.at(-1);
  // Travelling forward, "more" means a next page; backward, a previous one. A page reached from a
  // position always has rows on the side it came from.
  const hasNext = backwards ? last !== undefined : page.more;
  const hasPrevious = backwards ? page.more : from !== undefined && first !== undefined;
  return {
    items: page.items,
    next: hasNext && last ? keysetPositionOf(last, sort) : null,
    previous: hasPrevious && first ? keysetPositionOf(first, sort) : null,
    total,
  };
}
