import type { ServiceInstance } from '@mystore/service-kernel';
import { Type } from 'typebox';
import { withIdempotency } from '../idempotency.js';
import { readImportRows } from '../import/body.js';
import { decodeCsvBody } from '../import/csv.js';
import { applyImport, type ImportResult, importResult, planImport } from '../import/plan.js';
import { invalidImport, invalidRowCount, MAX_IMPORT_ROWS, type RowError } from '../import/rows.js';
import { compileRowValidator, ImportRowSchema } from '../import/validate.js';
import { runWrite } from '../writes.js';
import type { AdminRoutesOptions } from './options.js';
import { errorResponses, IdempotencyHeaders, replayable } from './route-schemas.js';

const ImportResultSchema = Type.Object(
  {
    dry_run: Type.Boolean(),
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    unchanged: Type.Integer({ minimum: 0 }),
    rows: Type.Array(
      Type.Object({
        row: Type.Integer({ minimum: 1 }),
        action: Type.Enum(['create', 'update', 'unchanged']),
        id: Type.Union([Type.Integer(), Type.Null()], { description: "null for a dry run's creates" }),
        sku: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  },
  { additionalProperties: false },
);

const CsvBodySchema = Type.String({
  description:
    'A header row, then one product per row. Columns: sku, name, description, price, category, ' +
    'stock_quantity, image_url, is_active (name and price required); id, created_at and updated_at, ' +
    'as an export writes them, are accepted too (id: the product the row updates; the timestamps are ' +
    'ignored). Empty cell: the field is not set (null for description, category, image_url, sku). ' +
    'is_active: true/false or 1/0. UTF-8, with or without a BOM; CRLF or LF.',
});

const DESCRIPTION =
  'All or nothing, in one transaction. A row with an id updates that product; otherwise a row whose ' +
  'sku belongs to a product updates it; otherwise it creates one. An update sets the fields the row ' +
  "gives and keeps the others; one that changes nothing is 'unchanged' (not written). Any invalid row: " +
  '400 listing every invalid row (`row N: field`; CSV rows are numbered as in a spreadsheet, the ' +
  'header being row 1; JSON rows by their 1-based position), and nothing is written. `dry_run=true` ' +
  `answers the same without writing. At most ${MAX_IMPORT_ROWS} rows.`;

/** `POST /api/admin/products/import`: bulk create/update from CSV or JSON. */
export async function importRoutes(app: ServiceInstance, options: AdminRoutesOptions): Promise<void> {
  const { handle, metrics } = options;
  const compile = app.validatorCompiler;
  if (!compile) throw new Error('the import routes need the service validator compiler');
  const validateRow = compileRowValidator(compile);
  const caseInsensitiveSku = handle.dialect.name === 'mysql';

  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, decodeCsvBody(body as Buffer, request.headers['content-type']));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.post(
    '/api/admin/products/import',
    {
      bodyLimit: options.importLimitBytes,
      // The body schema only documents: the handler validates rows itself, to name errors by row number.
      validatorCompiler: (route) => (route.httpPart === 'body' ? () => true : compile(route)),
      schema: {
        operationId: 'importProducts',
        tags: ['import-export'],
        summary: 'Import products from CSV or JSON (all or nothing; ?dry_run=true changes nothing)',
        description: DESCRIPTION,
        querystring: Type.Object(
          { dry_run: Type.Boolean({ default: false }) },
          { additionalProperties: false },
        ),
        headers: IdempotencyHeaders,
        body: {
          content: {
            'text/csv': { schema: CsvBodySchema },
            'application/json': { schema: Type.Array(ImportRowSchema, { maxItems: MAX_IMPORT_ROWS }) },
          },
        },
        response: { 200: replayable(ImportResultSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const dryRun = request.query.dry_run;
      const reject = (errors: readonly RowError[]) => {
        if (!dryRun) metrics.importRows.inc({ result: 'invalid' }, invalidRowCount(errors));
        return invalidImport(errors);
      };
      /** Read-only planning outside a transaction (dry runs, and conflicts of already invalid files). */
      const preview = (rows: Parameters<typeof planImport>[1]) =>
        planImport(handle.db, rows, { lock: false, caseInsensitiveSku });

      const { rows, errors } = await readImportRows(
        request.headers['content-type'],
        request.body,
        validateRow,
      );
      if (errors.length > 0) {
        // The valid rows' conflicts with the catalog too, so one answer lists every problem.
        throw reject([...errors, ...(await preview(rows)).errors]);
      }
      if (dryRun) {
        // Reads only: no transaction, no catalog version bump, no idempotency record (nothing to replay).
        const plan = await preview(rows);
        if (plan.errors.length > 0) throw reject(plan.errors);
        return reply.send(importResult(plan.planned, undefined));
      }

      let result: ImportResult | undefined;
      let rejected: readonly RowError[] = [];
      try {
        await withIdempotency(request, reply, options, (context) =>
          runWrite(handle, context, async (trx, audit) => {
            // Planned again inside the transaction, with the matched rows locked: what is written is
            // decided on the state it is written over.
            const plan = await planImport(trx, rows, { lock: true, caseInsensitiveSku });
            if (plan.errors.length > 0) {
              rejected = plan.errors;
              throw invalidImport(plan.errors);
            }
            result = importResult(plan.planned, await applyImport(trx, plan.planned, audit));
            return { status: 200, headers: {}, body: result };
          }),
        );
      } catch (error) {
        if (rejected.length > 0) metrics.importRows.inc({ result: 'invalid' }, invalidRowCount(rejected));
        throw error;
      }
      // Committed (a replay of an Idempotency-Key leaves result unset: it imported nothing now).
      if (result) {
        metrics.importRows.inc({ result: 'created' }, result.created);
        metrics.importRows.inc({ result: 'updated' }, result.updated);
        metrics.importRows.inc({ result: 'unchanged' }, result.unchanged);
      }
      return reply;
    },
  );
}
