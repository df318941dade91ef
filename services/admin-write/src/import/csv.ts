import { setImmediate as nextTurn } from 'node:timers/promises';
import { TextDecoder } from 'node:util';
import { MAX_STOCK, type ProductRecord } from '@mystore/db';
import { HttpProblem } from '@mystore/service-kernel';
import { CsvError, parse } from 'csv-parse';
import { type Stringifier, stringify } from 'csv-stringify';
import { charsetOf } from '../media-type.js';
import {
  badImport,
  IMPORT_FIELDS,
  MAX_IMPORT_ROWS,
  type RowError,
  type SourceRow,
  tooManyRows,
} from './rows.js';

/** The columns of an export, in order; an import accepts all of them (created_at, updated_at ignored). */
export const CSV_COLUMNS = ['id', ...IMPORT_FIELDS, 'created_at', 'updated_at'] as const;
type Column = (typeof CSV_COLUMNS)[number];

const REQUIRED: readonly Column[] = ['name', 'price'];
const KNOWN: ReadonlySet<string> = new Set(CSV_COLUMNS);

interface Cell {
  readonly value: string;
  /** The cell was quoted: `""` is an empty string, an empty unquoted cell is "no value". */
  readonly quoted: boolean;
}

type Converted = { readonly value: unknown } | { readonly error: string } | undefined;

const WHOLE_NUMBER = /^\d+$/;

/**
 * A cell's text → the field's JSON value, strictly; undefined leaves the field out. Empty cells: the
 * field is left out, except the nullable text fields, which become null (a quoted empty description
 * `""` is the empty string). Numbers, booleans and ids tolerate surrounding spaces.
 */
function convertCell(column: Column, cell: Cell): Converted {
  const text = cell.value;
  const trimmed = text.trim();
  switch (column) {
    case 'created_at':
    case 'updated_at':
      // Read-only export columns: read past, so an exported file imports as it is.
      return undefined;
    case 'name':
      return text === '' ? undefined : { value: text };
    case 'description':
      return { value: text === '' && !cell.quoted ? null : text };
    case 'sku':
    case 'category':
    case 'image_url':
      return { value: text === '' ? null : text };
    case 'price':
      // A decimal string: the schema then applies the API's rules (≤ 2 decimals, range, no exponent).
      return trimmed === '' ? undefined : { value: trimmed };
    case 'stock_quantity': {
      if (trimmed === '') return undefined;
      const value = Number(trimmed);
      return WHOLE_NUMBER.test(trimmed) && value <= MAX_STOCK
        ? { value }
        : { error: `must be a whole number 0..${MAX_STOCK}` };
    }
    case 'is_active': {
      const word = trimmed.toLowerCase();
      if (word === '') return undefined;
      if (word === 'true' || word === '1') return { value: true };
      if (word === 'false' || word === '0') return { value: false };
      return { error: 'must be true or false (or 1 or 0)' };
    }
    case 'id': {
      if (trimmed === '') return undefined;
      const value = Number(trimmed);
      return WHOLE_NUMBER.test(trimmed) && value >= 1 && value <= 2_147_483_647
        ? { value }
        : { error: 'must be the id of an existing product (a whole number), or empty' };
    }
  }
}

const isBlank = (record: readonly Cell[]) => record.every((cell) => cell.value === '' && !cell.quoted);

/** The header row → its columns, or a 400 naming every unknown, repeated or missing column. */
function readHeader(record: readonly Cell[]): Column[] {
  const names = record.map((cell) => cell.value.trim().toLowerCase());
  const errors: { name: string; detail: string }[] = [];
  names.forEach((name, index) => {
    if (name === '') {
      errors.push({ name: `header: column ${index + 1}`, detail: 'has no name' });
    } else if (!KNOWN.has(name)) {
      errors.push({ name: `header: ${name}`, detail: `unknown column (known: ${CSV_COLUMNS.join(', ')})` });
    } else if (names.indexOf(name) !== index) {
      errors.push({ name: `header: ${name}`, detail: 'appears more than once' });
    }
  });
  for (const required of REQUIRED) {
    if (!names.includes(required))
      errors.push({ name: `header: ${required}`, detail: 'is a required column' });
  }
  if (errors.length > 0) {
    const unknown = names.filter((name) => name !== '' && !KNOWN.has(name));
    const detail =
      unknown.length > 0
        ? `The CSV header names unknown columns: ${unknown.join(', ')}. Nothing was imported.`
        : 'The CSV header is not valid. Nothing was imported.';
    throw badImport(detail, errors);
  }
  return names as Column[];
}

/**
 * The raw body → text, in the charset of the Content-Type (UTF-8 when none is named), strictly: bytes
 * that are not valid in it are a 400, never silently replaced (a spreadsheet's legacy "CSV" export is
 * Windows-1252, and its accents would otherwise be stored as U+FFFD).
 */
export function decodeCsvBody(body: Buffer, contentType: string | undefined): string {
  const charset = charsetOf(contentType) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true, ignoreBOM: true });
  } catch {
    throw new HttpProblem(415, `Unsupported charset ${JSON.stringify(charset)}: send UTF-8.`);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw badImport(
      `The file is not valid ${charset} text. Save it as "CSV UTF-8" (or name its charset in the ` +
        'Content-Type). Nothing was imported.',
      [{ name: 'body', detail: `is not valid ${charset}` }],
    );
  }
}

/** Characters handed to the parser per turn of the event loop. */
const PARSE_CHUNK = 64 * 1024;

/**
 * The text → its records, cell by cell. Fed in slices, one per turn of the event loop, so a file of
 * several megabytes never blocks the process (health checks, other requests) for long. Slices never
 * split a surrogate pair (the parser encodes each slice to UTF-8 on its own).
 */
async function parseCells(text: string): Promise<Cell[][]> {
  const parser = parse({
    bom: true,
    // Blank lines are skipped by the caller, after they were counted as rows.
    skip_empty_lines: false,
    // Short rows (trailing empty cells left out) are fine; long ones are checked by the caller.
    relax_column_count: true,
    cast: (value, context): Cell => ({ value, quoted: context.quoting }),
  });
  const collected = (async () => {
    const records: Cell[][] = [];
    for await (const record of parser) records.push(record as Cell[]);
    return records;
  })();
  collected.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  for (let start = 0; start < text.length && !parser.destroyed; ) {
    let end = Math.min(start + PARSE_CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    parser.write(text.slice(start, end));
    start = end;
    await nextTurn();
  }
  parser.end();
  return collected;
}

/**
 * A CSV import file → its data rows, as objects for the schema, plus the cell errors found on the way
 * (a cell that cannot even be converted). Handles a UTF-8 BOM, CRLF or LF line endings, quoted fields
 * with commas, quotes (`""`) and line breaks. Blank lines (or rows of empty cells) are skipped but still
 * counted, so row numbers match a spreadsheet's: the header is row 1.
 */
export async function readCsvRows(text: string): Promise<{ rows: SourceRow[]; errors: RowError[] }> {
  let records: Cell[][];
  try {
    records = await parseCells(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw badImport(`The file is not valid CSV: ${error.message}. Nothing was imported.`, [
      { name: 'body', detail: error.message },
    ]);
  }

  const headerIndex = records.findIndex((record) => !isBlank(record));
  const header = records[headerIndex];
  if (header === undefined) {
    throw badImport('The CSV file is empty: it needs a header row naming its columns.', [
      { name: 'body', detail: 'has no header row' },
    ]);
  }
  const columns = readHeader(header);

  const data = records.map((record, index) => ({ record, row: index + 1 })).slice(headerIndex + 1);
  const filled = data.filter(({ record }) => !isBlank(record));
  if (filled.length > MAX_IMPORT_ROWS) throw tooManyRows(filled.length);

  const rows: SourceRow[] = [];
  const errors: RowError[] = [];
  for (const { record, row } of filled) {
    const value: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      const converted = convertCell(column, record[index] ?? { value: '', quoted: false });
      if (converted === undefined) return;
      if ('error' in converted) errors.push({ row, field: column, detail: converted.error });
      else value[column] = converted.value;
    });
    if (record.slice(columns.length).some((cell) => cell.value !== '')) {
      errors.push({ row, detail: `has ${record.length} cells; the header names ${columns.length} columns` });
    }
    rows.push({ row, value });
  }
  return { rows, errors };
}

/** A product as export cells: null is an empty cell, an empty string a quoted `""`. */
function exportCells(record: ProductRecord): (string | null)[] {
  return [
    String(record.id),
    record.sku,
    record.name,
    record.description,
    record.price,
    record.category,
    String(record.stock_quantity),
    record.image_url,
    record.is_active ? 'true' : 'false',
    record.created_at,
    record.updated_at,
  ];
}

/**
 * A CSV writer for exports: a UTF-8 BOM (so spreadsheet programs read the accents right), a header
 * row, CRLF record ends (RFC 4180), and quotes wherever a field holds a comma, a quote or a line
 * break, and around empty strings (to tell them from null).
 */
export function exportStringifier(): Stringifier {
  return stringify({
    bom: true,
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: '\r\n',
    // csv-stringify quotes the delimiter, quotes and the record delimiter itself, but not a lone \r or \n.
    quoted_match: [/[\r\n]/, /^$/],
  });
}

export async function* exportRecords(
  products: AsyncIterable<ProductRecord>,
): AsyncGenerator<(string | null)[], void, undefined> {
  for await (const product of products) yield exportCells(product);
}
