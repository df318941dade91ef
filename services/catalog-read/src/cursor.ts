import { type Cursor, CursorError, decodeCursor, type ProductSort } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';

export { encodeCursor } from '@mystore/db';

/** The request's cursor, or a 400 naming `cursor` and why. */
export function parseCursor(cursor: string, sort: ProductSort): Cursor {
  try {
    return decodeCursor(cursor, sort);
  } catch (error) {
    if (!(error instanceof CursorError)) throw error;
    throw new HttpProblem(400, `invalid query parameter: cursor (${error.message})`, {
      errors: [{ name: 'cursor', detail: error.message }],
    });
  }
}
