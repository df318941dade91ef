import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ProductRecord, streamProducts } from '@mystore/db';
import { ProblemSchema, type ServiceInstance } from '@mystore/service-kernel';
import { Type } from 'typebox';
import { exportRecords, exportStringifier } from '../import/csv.js';
import type { AdminRoutesOptions } from './options.js';
import { NoQuery } from './route-schemas.js';

/** `GET /api/admin/products/export.csv`: every product, streamed as CSV; it imports back unchanged. */
export async function exportRoutes(app: ServiceInstance, options: AdminRoutesOptions): Promise<void> {
  app.get(
    '/api/admin/products/export.csv',
    {
      schema: {
        operationId: 'exportProducts',
        tags: ['import-export'],
        summary: 'Every product, inactive included, as CSV (streamed; imports back as it is)',
        description:
          'Columns: id, sku, name, description, price, category, stock_quantity, image_url, is_active, ' +
          'created_at, updated_at. UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting; an empty cell ' +
          'is null, a quoted empty cell ("") an empty string.',
        querystring: NoQuery,
        response: {
          200: {
            description: 'The catalog as CSV, in id order.',
            content: { 'text/csv': { schema: Type.String() } },
          },
          '4xx': ProblemSchema,
          '5xx': ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const products = streamProducts(options.handle.db);
      // The first batch is read before answering, so a database that is down is still a problem
      // response rather than a 200 cut short.
      const first = await products.next();
      async function* all(): AsyncGenerator<ProductRecord, void, undefined> {
        try {
          if (first.done) return;
          yield first.value;
          yield* products;
        } finally {
          await products.return();
        }
      }
      const csv = exportStringifier();
      // A failure after the first byte can only cut the response short (the client sees an error).
      pipeline(Readable.from(exportRecords(all())), csv).catch((error: unknown) => {
        request.log.warn({ err: error }, 'CSV export stopped before the end');
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="products.csv"')
        .header('cache-control', 'no-store')
        .send(csv as unknown as string); // a stream: the documented 200 is a string of CSV
    },
  );
}
