import { isValidPrice, type KeysetPosition, type ProductSort } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';

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

export function encodeCursor(
  direction: 'after' | 'before',
  sort: ProductSort,
  position: KeysetPosition,
): string {
  const payload: CursorPayload = { d: direction, s: sort, v: position.value, i: position.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

function invalid(reason: string): HttpProblem {
  return new HttpProblem(400, `invalid query parameter: cursor (${reason})`, {
    errors: [{ name: 'cursor', detail: reason }],
  });
}

/** Decodes and checks a cursor against the request's sort; anything off is a 400 naming `cursor`. */
export function decodeCursor(cursor: string, sort: ProductSort): Cursor {
  let payload: Partial<CursorPayload>;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor from this API');
  }
  if (typeof payload !== 'object' || payload === null) throw invalid('not a cursor from this API');
  const { d, s, v, i } = payload;
  if (
    (d !== 'after' && d !== 'before') ||
    typeof v !== 'string' ||
    !Number.isSafeInteger(i) ||
    (i as number) < 0
  ) {
    throw invalid('not a cursor from this API');
  }
  if (s !== sort) throw invalid(`it belongs to sort=${String(s)}; keep the sort when paging`);
  const valid = sort === 'name' ? v.length <= 255 : sort === 'newest' ? TIMESTAMP.test(v) : isValidPrice(v);
  if (!valid) throw invalid('not a cursor from this API');
  return { direction: d, position: { value: v, id: i as number } };
}
