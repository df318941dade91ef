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
  type ProductInput,
  type ProductRecord,
  updateProduct,
} from '@mystore/db';
import { ProblemSchema, type ServiceInstance } from '@mystore/service-kernel';
import type { Transaction } from 'kysely';
import { Type } from 'typebox';
import { checkIfMatch, notFound } from '../conditions.js';
import { sendWriteResponse, withIdempotency } from '../idempotency.js';
import { toProductChanges, toProductInput } from '../product-input.js';
import { productEtag, toAdminProductJson } from '../product-json.js';
import { runWrite, type WriteResponse } from '../writes.js';
import type { AdminRoutesOptions } from './options.js';

const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) });
const errors = { '4xx': ProblemSchema, '5xx': ProblemSchema };
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
  ) =>
    runWrite(handle, { actor: request.actor, requestId: request.id }, async (trx, audit) => {
      const before = await lockedOr404(trx, request.params.id);
      checkIfMatch(request.headers['if-match'], before);
      await updateProduct(trx, before.id, changes);
      const after = (await getProduct(trx, before.id))!;
      await audit(actionOf(before, after), before.id, before, after);
      return ok(after);
    });

  app.post(
    '/api/admin/products',
    {
      schema: {
        summary: 'Create a product',
        body: ProductWriteSchema,
        response: { 201: AdminProductSchema, ...errors },
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
        summary: 'Replace a product (omitted optional fields take their defaults)',
        params: ProductIdParamsSchema,
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
        summary: 'Change some fields of a product (is_active: true reactivates it)',
        params: ProductIdParamsSchema,
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
        summary: 'Deactivate a product, or remove it for good with ?permanent=true',
        params: ProductIdParamsSchema,
        headers: IfMatchHeaders,
        querystring: Type.Object(
          { permanent: Type.Boolean({ default: false }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) =>
      sendWriteResponse(
        reply,
        await runWrite(handle, { actor: request.actor, requestId: request.id }, async (trx, audit) => {
          const before = await lockedOr404(trx, request.params.id);
          checkIfMatch(request.headers['if-match'], before);
          if (request.query.permanent) {
            await deleteProduct(trx, before.id);
            await audit('delete', before.id, before, undefined);
          } else {
            await updateProduct(trx, before.id, { is_active: false });
            await audit('deactivate', before.id, before, (await getProduct(trx, before.id))!);
          }
          return { status: 204, headers: {} };
        }),
      ),
  );

  app.post(
    '/api/admin/products/:id/stock',
    {
      schema: {
        summary: 'Change the stock by a delta, atomically; never below zero',
        params: ProductIdParamsSchema,
        body: StockChangeSchema,
        response: { 200: AdminProductSchema, ...errors },
      },
    },
    async (request, reply) => {
      await withIdempotency(request, reply, options, (context) =>
        runWrite(handle, context, async (trx, audit) => {
          const before = await lockedOr404(trx, request.params.id);
          const { delta } = request.body;
          if (!(await adjustStock(trx, before.id, delta))) {
            throw new HttpProblem(
              409,
              `The stock would leave 0..2147483647 (it is ${before.stock_quantity}).`,
              {
                errors: [{ name: 'delta', detail: `stock is ${before.stock_quantity}` }],
              },
            );
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
        summary: 'One product, active or not',
        params: ProductIdParamsSchema,
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
        summary: 'Every change of a product, oldest first (kept after a permanent delete)',
        params: ProductIdParamsSchema,
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
