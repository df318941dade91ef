import { HttpProblem } from '@mystore/service-kernel';
import { readCsvRows } from './csv.js';
import {
  badImport,
  type ImportRow,
  MAX_IMPORT_ROWS,
  type RowError,
  type SourceRow,
  tooManyRows,
} from './rows.js';
import type { RowValidator } from './validate.js';

/**
 * The request body of an import → its valid rows and the errors of the others. `text/csv` arrives as a
 * string (the route's parser), `application/json` already parsed (lossless numbers). Problems with the
 * file as a whole (not CSV, unknown columns, not an array, too many rows) throw at once.
 */
export async function readImportRows(
  contentType: string | undefined,
  body: unknown,
  validate: RowValidator,
): Promise<{ rows: ImportRow[]; errors: RowError[] }> {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  let sources: SourceRow[];
  const errors: RowError[] = [];
  if (media === 'text/csv' && typeof body === 'string') {
    const csv = await readCsvRows(body);
    sources = csv.rows;
    errors.push(...csv.errors);
  } else if (media === 'application/json') {
    if (!Array.isArray(body)) {
      throw badImport('A JSON import is an array of product objects. Nothing was imported.', [
        { name: 'body', detail: 'must be array' },
      ]);
    }
    if (body.length > MAX_IMPORT_ROWS) throw tooManyRows(body.length);
    sources = body.map((value: unknown, index) => ({ row: index + 1, value }));
  } else {
    throw new HttpProblem(
      415,
      'An import is text/csv (a header row, then one product per row) or application/json (an array of products).',
    );
  }

  const rows: ImportRow[] = [];
  const failed = new Set(errors.map((error) => error.row));
  for (const source of sources) {
    const result = validate(source);
    if ('errors' in result) errors.push(...result.errors);
    else if (!failed.has(source.row)) rows.push(result.row);
  }
  return { rows, errors };
}
