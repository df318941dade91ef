import { HttpProblem } from '@mystore/service-kernel';
import type { ProductWrite } from '../product-input.js';

/** Most data rows one import may hold (a few thousand, in one transaction). */
export const MAX_IMPORT_ROWS = 5000;
/** Most errors one rejection lists (the detail still counts them all). */
export const MAX_LISTED_ERRORS = 100;

/** The columns an import understands, in export order (export adds created_at and updated_at). */
export const IMPORT_FIELDS = [
  'sku',
  'name',
  'description',
  'price',
  'category',
  'stock_quantity',
  'image_url',
  'is_active',
] as const;

/**
 * A row as the client sent it, before validation. `row` is the number the client sees: CSV, the
 * spreadsheet row (the header is row 1, so the first data row is 2; a quoted field with line breaks
 * stays one row); JSON, the 1-based position in the array.
 */
export interface SourceRow {
  readonly row: number;
  readonly value: unknown;
}

/** A valid row: the product fields it gives and, optionally, the id of the product it updates. */
export interface ImportRow {
  readonly row: number;
  readonly id: number | undefined;
  readonly fields: Partial<ProductWrite>;
}

/** One problem with one row (field: the column or property at fault, if one is). */
export interface RowError {
  readonly row: number;
  readonly field?: string;
  readonly detail: string;
}

export function rowErrorName(error: RowError): string {
  return error.field ? `row ${error.row}: ${error.field}` : `row ${error.row}`;
}

/** 400 listing the (first MAX_LISTED_ERRORS) errors, in row order; nothing was written. */
export function invalidImport(errors: readonly RowError[]): HttpProblem {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((error) => error.row)).size;
  const listed = sorted.slice(0, MAX_LISTED_ERRORS);
  const more =
    sorted.length > listed.length ? ` The first ${listed.length} of ${sorted.length} errors are listed.` : '';
  return new HttpProblem(
    400,
    `${rows === 1 ? '1 row is' : `${rows} rows are`} invalid; nothing was imported.${more}`,
    { errors: listed.map((error) => ({ name: rowErrorName(error), detail: error.detail })) },
  );
}

/** How many distinct rows the errors concern (for the metric). */
export function invalidRowCount(errors: readonly RowError[]): number {
  return new Set(errors.map((error) => error.row)).size;
}

/** 400 for a problem with the file as a whole (header, shape): `name` says where. */
export function badImport(detail: string, errors: { name: string; detail: string }[] = []): HttpProblem {
  return new HttpProblem(400, detail, errors.length > 0 ? { errors } : {});
}

export function tooManyRows(count: number): HttpProblem {
  return new HttpProblem(
    413,
    `An import holds at most ${MAX_IMPORT_ROWS} rows; this one has ${count}. Split it into smaller files.`,
  );
}
