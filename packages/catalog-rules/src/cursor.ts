import { isValidPrice, type KeysetPosition, type ProductSort } from '@mystore/db';
import { invalidQueryParameter } from './http-problem.js';

/** Which way a cursor pages from its position. */
export type CursorDirection = 'after' | 'before';

export interface Cursor {
  readonly direction: CursorDirection;
  readonly position: KeysetPosition;
}

/** Opaque to clients: base64url JSON of the direction, the sort it belongs to and the keyset position. */
interface CursorPayload {
  readonly d: CursorDirection;
  readonly s: ProductSort;
  readonly v: string;
  readonly i: number;
}

/** The text form of a cursor: what `next_cursor` and `prev_cursor` hold and `cursor` takes back. */
export const CURSOR_TEXT = { minLength: 1, maxLength: 2048, pattern: '^[A-Za-z0-9_-]+$' } as const;

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

export function encodeCursor(
  direction: CursorDirection,
  sort: ProductSort,
  position: KeysetPosition,
): string {
  const payload: CursorPayload = { d: direction, s: sort, v: position.value, i: position.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Decodes a `cursor` query parameter for the request's sort; a 400 naming `cursor` if it is not ours. */
export function decodeCursor(cursor: string, sort: ProductSort): Cursor {
  const notOurs = () => invalidQueryParameter('cursor', 'not a cursor from this API');
  let payload: Partial<CursorPayload> | null;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notOurs();
  }
  if (typeof payload !== 'object' || payload === null) throw notOurs();
  const { d, s, v, i } = payload;
  if (
    (d !== 'after' && d !== 'before') ||
    typeof v !== 'string' ||
    !Number.isSafeInteger(i) ||
    (i as number) < 0
  ) {
    throw notOurs();
  }
  if (s !== sort) {
    throw invalidQueryParameter('cursor', `it belongs to sort=${String(s)}; keep the sort when paging`);
  }
  const valid =
    sort === 'name' ? [...v].length <= 255 : sort === 'newest' ? TIMESTAMP.test(v) : isValidPrice(v);
  if (!valid) throw notOurs();
  return { direction: d, position: { value: v, id: i as number } };
}
