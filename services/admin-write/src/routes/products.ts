import {
  AdminProductSchema,
  HttpProblem,
  ProductIdParamsSchema,
  ProductPatchSchema,
  ProductWriteSchema,
  StockChangeSchema,
} from '@mystore/catalog-rules';
import {
  adjustStock,
  type Database,
  deleteProduct,
  getProduct,
  insertProduct,
  listAudit,
  MAX_STOCK,
  type ProductInput,
  type ProductRecord,
  updateProduct,
} from '@mystore/db';
import type { ServiceInstance } from '@mystore/service-kernel';
import type { Transaction } from 'kysely';
import { Type } from 'typebox';
import { checkIfMatch, notFound, readIfMatch } from '../conditions.js';
import { sendWriteResponse, withIdempotency } from '../idempotency.js';
import { toProductChanges, toProductInput } from '../product-input.js';
import { productEtag, toAdminProductJson } from '../product-json.js';
import { runWrite, type WriteResponse } from '../writes.js';
import type { AdminRoutesOptions } from './options.js';
import { errorResponses as errors, IdempotencyHeaders, NoQuery, replayable } from './route-schemas.js';

const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'The ETag of the version this change is based on, quoted as the ETag header gives it ("3"), or *. ' +
        'A stale one is 412 with the current ETag; without the header the last write wins.',
    }),
  ),
});
const HistorySchema = Type.Array(
  Type.Object({
    id: Type.Integer(),
    action: Type.String(),
    actor: Type.String(),
    request_id: Type.Union([Type.String(), Type.Null()]),
    before: Type.Unknown(),
    after: Type.Unknown(),
    at: Type.String({ format: 'date-time' }),
  }),
);

export async function productRoutes(app: ServiceInstance, options: AdminRoutesOptions): Promise<void> {
  const { handle, currency } = options;
  const json = (record: ProductRecord) => toAdminProductJson(record, currency);
  const ok = (record: ProductRecord, status = 200): WriteResponse => ({
    status,
    headers: {
      etag: productEtag(record),
      ...(status === 201 ? { location: `/api/admin/products/${record.id}` } : {}),
    },
    body: json(record),
  });
  /** Reads the row locked for this transaction, or 404. */
  const lockedOr404 = async (trx: Transaction<Database>, id: number) => {
    const record = await getProduct(trx, id, { forUpdate: true });
    if (!record) throw notFound(id);
    return record;
  };

  /** PUT and PATCH: lock the row, check If-Match, apply the changes, audit before/after. */
  const changeProduct = (
    request: { params: { id: number }; headers: { 'if-match'?: string }; actor: string; id: string },
    changes: Partial<ProductInput>,
    actionOf: (before: ProductRecord, after: ProductRecord) => string,
  ) => {
    const ifMatch = readIfMatch(request.headers['if-match']);
    return runWrite(handle, { actor: request.actor, requestId: request.id }, async (trx, audit) => {
      const before = await lockedOr404(trx, request.params.id);
      checkIfMatch(ifMatch, before);
      await updateProduct(trx, before.id, changes);
      const after = (await getProduct(trx, before.id))!;
      await audit(actionOf(before, after), before.id, before, after);
      return ok(after);
    });
  };

  app.post(
    '/api/admin/products',
    {
      schema: {
        operationId: 'createProduct',
        tags: ['products'],
        summary: 'Create a product',
        description: '201 with Location and ETag. Unknown or invalid fields are 400, a taken sku 409.',
        querystring: NoQuery,
        headers: IdempotencyHeaders,
        body: ProductWriteSchema,
        response: { 201: replayable(AdminProductSchema), ...errors },
      },
    },
    async (request, reply) => {
      await withIdempotency(request, reply, options, (context) =>
        runWrite(handle, context, async (trx, audit) => {
          const id = await insertProduct(trx, toProductInput(request.body));
          const created = (await getProduct(trx, id))!;
          await audit('create', id, undefined, created);
          return ok(created, 201);
        }),
      );
    },
  );

  app.put(
    '/api/admin/products/:id',
    {
      schema: {
        operationId: 'replaceProduct',
        tags: ['products'],
        summary: 'Replace a product (omitted optional fields take their defaults)',
        description: 'Answers the product with its new ETag; If-Match makes the change conditional.',
        params: ProductIdParamsSchema,
        querystring: NoQuery,
        headers: IfMatchHeaders,
        body: ProductWriteSchema,
        response: { 200: AdminProductSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWriteResponse(reply, await changeProduct(request, toProductInput(request.body), () => 'replace')),
  );

  app.patch(
    '/api/admin/products/:id',
    {
      schema: {
        operationId: 'updateProduct',
        tags: ['products'],
        summary: 'Change some fields of a product (is_active: true reactivates it)',
        description: 'Fields left out keep their values; If-Match makes the change conditional.',
        params: ProductIdParamsSchema,
        querystring: NoQuery,
        headers: IfMatchHeaders,
        body: ProductPatchSchema,
        response: { 200: AdminProductSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWriteResponse(
        reply,
        await changeProduct(request, toProductChanges(request.body), (before, after) =>
          before.is_active === after.is_active ? 'update' : after.is_active ? 'reactivate' : 'deactivate',
        ),
      ),
  );

  app.delete(
    '/api/admin/products/:id',
    {
      schema: {
        operationId: 'deleteProduct',
        tags: ['products'],
        summary: 'Deactivate a product, or remove it for good with ?permanent=true',
        description:
          'A deactivated product stays readable here and leaves the public catalog; its history is kept either way.',
        params: ProductIdParamsSchema,
        headers: IfMatchHeaders,
        querystring: Type.Object(
          { permanent: Type.Boolean({ default: false }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const ifMatch = readIfMatch(request.headers['if-match']);
      return sendWriteResponse(
        reply,
        await runWrite(handle, { actor: request.actor, requestId: request.id }, async (trx, audit) => {
          const before = await lockedOr404(trx, request.params.id);
          checkIfMatch(ifMatch, before);
          if (request.query.permanent) {
            await deleteProduct(trx, before.id);
            await audit('delete', before.id, before, undefined);
          } else {
            await updateProduct(trx, before.id, { is_active: false });
            await audit('deactivate', before.id, before, (await getProduct(trx, before.id))!);
          }
          return { status: 204, headers: {} };
        }),
      );
    },
  );

  app.post(
    '/api/admin/products/:id/stock',
    {
      schema: {
        operationId: 'changeStock',
        tags: ['stock'],
        summary: 'Change the stock by a delta, atomically; never below zero',
        description: `A change that would take the stock below 0 (or above ${MAX_STOCK}) is 409 and changes nothing.`,
        params: ProductIdParamsSchema,
        querystring: NoQuery,
        headers: IdempotencyHeaders,
        body: StockChangeSchema,
        response: { 200: replayable(AdminProductSchema), ...errors },
      },
    },
    async (request, reply) => {
      await withIdempotency(request, reply, options, (context) =>
        runWrite(handle, context, async (trx, audit) => {
          const before = await lockedOr404(trx, request.params.id);
          const { delta } = request.body;
          if (!(await adjustStock(trx, before.id, delta))) {
            const stock = before.stock_quantity;
            const limit = delta < 0 ? 'go below 0' : `go above ${MAX_STOCK}`;
            throw new HttpProblem(409, `Stock cannot ${limit} (it is ${stock}; the change was ${delta}).`, {
              errors: [{ name: 'delta', detail: `would take the stock (${stock}) to ${stock + delta}` }],
            });
          }
          const after = (await getProduct(trx, before.id))!;
          await audit('stock', before.id, before, after);
          return ok(after);
        }),
      );
    },
  );

  app.get(
    '/api/admin/products/:id',
    {
      schema: {
        operationId: 'getProduct',
        tags: ['products'],
        summary: 'One product, active or not',
        description: 'With its ETag, for a conditional change (If-Match).',
        params: ProductIdParamsSchema,
        querystring: NoQuery,
        response: { 200: AdminProductSchema, ...errors },
      },
    },
    async (request, reply) => {
      const record = await getProduct(handle.db, request.params.id);
      if (!record) throw notFound(request.params.id);
      return reply.header('etag', productEtag(record)).send(json(record));
    },
  );

  app.get(
    '/api/admin/products/:id/history',
    {
      schema: {
        operationId: 'getProductHistory',
        tags: ['products'],
        summary: 'Every change of a product, oldest first (kept after a permanent delete)',
        description: 'Who changed what and when: each entry holds the product before and after the change.',
        params: ProductIdParamsSchema,
        querystring: NoQuery,
        response: { 200: HistorySchema, ...errors },
      },
    },
    async (request) => {
      const history = await listAudit(handle.db, request.params.id);
      if (history.length === 0 && !(await getProduct(handle.db, request.params.id))) {
        throw notFound(request.params.id);
      }
      return history.map(({ product_id: _, ...entry }) => entry);
    },
  );
}
