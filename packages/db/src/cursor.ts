import { isValidPrice } from './money.js';
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

/** Opaque to clients: base64url JSON of the direction, the sort it belongs to and the keyset position. */
interface CursorPayload {
  readonly d: 'after' | 'before';
  readonly s: ProductSort;
  readonly v: string;
  readonly i: number;
}

export interface Cursor {
  readonly direction: 'after' | 'before';
  readonly position: KeysetPosition;
}

/** A cursor that did not come from this API for this sort order; the message says why. */
export class CursorError extends Error {
  override name = 'CursorError';
}

export function encodeCursor(
  direction: 'after' | 'before',
  sort: ProductSort,
  position: KeysetPosition,
): string {
  const payload: CursorPayload = { d: direction, s: sort, v: position.value, i: position.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/** Decodes and checks a cursor against the request's sort order. */
export function decodeCursor(cursor: string, sort: ProductSort): Cursor {
  let payload: Partial<CursorPayload> | null;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('not a cursor from this API');
  }
  if (typeof payload !== 'object' || payload === null) throw new CursorError('not a cursor from this API');
  const { d, s, v, i } = payload;
  if (
    (d !== 'after' && d !== 'before') ||
    typeof v !== 'string' ||
    !Number.isSafeInteger(i) ||
    (i as number) < 0
  ) {
    throw new CursorError('not a cursor from this API');
  }
  if (s !== sort) throw new CursorError(`it belongs to sort=${String(s)}; keep the sort when paging`);
  const valid =
    sort === 'name' ? [...v].length <= 255 : sort === 'newest' ? TIMESTAMP.test(v) : isValidPrice(v);
  if (!valid) throw new CursorError('not a cursor from this API');
  return { direction: d, position: { value: v, id: i as number } };
}

export interface CursorPage {
  readonly items: ProductRecord[];
  readonly next_cursor: string | null;
  readonly prev_cursor: string | null;
  /** Every row matching the filter, counted in the same read as the page. */
  readonly total: number;
}

/**
 * One page for an API: the rows after/before the cursor (CursorError if it is not ours), cursors for
 * the next and previous pages (null at either end), and the total.
 */
export async function listProductPage(
  db: Queryable,
  options: { filter: ProductFilter; sort: ProductSort; limit: number; cursor?: string },
): Promise<CursorPage> {
  const { filter, sort, limit } = options;
  const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor, sort);
  const backwards = cursor?.direction === 'before';
  const page = await listProducts(db, {
    filter,
    sort,
    limit,
    after: backwards ? undefined : cursor?.position,
    before: backwards ? cursor?.position : undefined,
  });
  // A first page that holds every match is its own count: one query (of five in a snapshot) fewer for
  // the commonest request, a small category or a narrow search.
  const total = cursor === undefined && !page.more ? page.items.length : await countProducts(db, filter);
  const first = page.items[0];
  const last = page.items.at(-1);
  // Travelling forward, "more" means a next page; backward, a previous one. A page reached through a
  // cursor always has rows on the side it came from.
  const hasNext = backwards ? last !== undefined : page.more;
  const hasPrev = backwards ? page.more : cursor !== undefined && first !== undefined;
  return {
    items: page.items,
    next_cursor: hasNext && last ? encodeCursor('after', sort, keysetPositionOf(last, sort)) : null,
    prev_cursor: hasPrev && first ? encodeCursor('before', sort, keysetPositionOf(first, sort)) : null,
    total,
  };
}
