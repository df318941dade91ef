import { CursorError, decodeCursor, type ProductSort } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';

/** Checks a request's cursor up front (a bad one is a 400 naming `cursor`, and is never cached). */
export function checkCursor(cursor: string | undefined, sort: ProductSort): void {
  if (cursor === undefined) return;
  try {
    decodeCursor(cursor, sort);
  } catch (error) {
    if (!(error instanceof CursorError)) throw error;
    throw new HttpProblem(400, `invalid query parameter: cursor (${error.message})`, {
      errors: [{ name: 'cursor', detail: error.message }],
    });
  }
}
