// @jsxRuntime automatic
// @jsxImportSource preact
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { ServiceInstance } from '@mystore/service-kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ApiProblem } from '../admin-api/client.js';
import { ACTION_RESPONSES, contextOf, PAGE_RESPONSES, seeOther, sendPage } from '../page.js';
import { FormKey } from '../product-form.js';
import { ImportPage, ImportPreviewPage } from '../views/import.js';
import type { PageOptions } from './options.js';

const FILE_NAME = Type.String({ maxLength: 255 });
const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';

/** The upload as multipart gives it (see onFile below): the CSRF field and the file. */
const UploadForm = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    file: Type.Object({ name: FILE_NAME, data: Type.Unsafe<Buffer>({}) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const ApplyForm = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    idempotency_key: FormKey,
    file_name: FILE_NAME,
    csv: Type.String({ pattern: BASE64 }),
  },
  { additionalProperties: false },
);

const CSV_RESPONSE = {
  200: { description: 'Every product as CSV.', content: { 'text/csv': { schema: Type.String() } } },
  '4xx': PAGE_RESPONSES['4xx'],
  '5xx': PAGE_RESPONSES['5xx'],
};

/** Bulk import (upload, dry-run preview, apply) and CSV export. */
export async function importExportRoutes(app: ServiceInstance, options: PageOptions): Promise<void> {
  const { products, config } = options;
  // A base64 copy of the file travels from the preview to the apply step: 4/3 of it, plus the form.
  const applyBodyLimit = Math.ceil((config.IMPORT_LIMIT_BYTES * 4) / 3) + 64 * 1024;

  await app.register(multipart, {
    // Fields and the file become the body, so the CSRF check (preValidation) can read the token.
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: config.IMPORT_LIMIT_BYTES, files: 1, fields: 1, parts: 2, fieldSize: 1024 },
    async onFile(part) {
      (part as unknown as { value: unknown }).value = {
        name: part.filename.slice(0, 255),
        data: await part.toBuffer(),
      };
    },
  });

  const rejected = (request: FastifyRequest, reply: FastifyReply, fileName: string, problem: ApiProblem) =>
    sendPage(
      reply,
      <ImportPage
        context={contextOf(request, reply)}
        rejected={{
          fileName,
          detail: problem.detail ?? 'The catalog refused the file.',
          errors: problem.errors ?? [],
        }}
      />,
      problem.status,
    );

  app.get('/import', { schema: { response: PAGE_RESPONSES } }, async (request, reply) =>
    sendPage(reply, <ImportPage context={contextOf(request, reply)} />),
  );

  app.post(
    '/import',
    { preValidation: app.csrfProtection, schema: { body: UploadForm, response: PAGE_RESPONSES } },
    async (request, reply) => {
      const { name, data } = request.body.file;
      const fileName = name || 'the file';
      const result = await products.importCsv(data, { dryRun: true });
      if (!result.ok) return rejected(request, reply, fileName, result.problem);
      return sendPage(
        reply,
        <ImportPreviewPage
          context={contextOf(request, reply)}
          fileName={fileName}
          result={result.value}
          csvBase64={data.toString('base64')}
          idempotencyKey={randomUUID()}
        />,
      );
    },
  );

  app.post(
    '/import/apply',
    {
      bodyLimit: applyBodyLimit,
      preValidation: app.csrfProtection,
      schema: { body: ApplyForm, response: ACTION_RESPONSES },
    },
    async (request, reply) => {
      const { file_name: fileName, csv, idempotency_key: idempotencyKey } = request.body;
      const result = await products.importCsv(Buffer.from(csv, 'base64'), { dryRun: false, idempotencyKey });
      if (!result.ok) return rejected(request, reply, fileName, result.problem);
      const { created, updated, unchanged } = result.value;
      request.flash(
        'success',
        `Imported ${fileName}: ${created} created, ${updated} updated, ${unchanged} unchanged.`,
      );
      return seeOther(reply, '/products');
    },
  );

  app.get('/export.csv', { schema: { response: CSV_RESPONSE } }, async (_request, reply) => {
    const { body } = await products.exportCsv();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="products.csv"')
      .header('cache-control', 'no-store')
      .send(body as unknown as string); // a stream: the documented 200 is a string of CSV
  });
}
