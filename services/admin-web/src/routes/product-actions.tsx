// @jsxRuntime automatic
// @jsxImportSource preact
import { ProductIdParamsSchema } from '@mystore/catalog-rules';
import type { ServiceInstance } from '@mystore/service-kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ApiResult } from '../admin-api/client.js';
import { sendNotFound } from '../error-pages.js';
import { ACTION_RESPONSES, contextOf, PAGE_RESPONSES, seeOther, sendPage } from '../page.js';
import { checkWith, FormKey, integerOf } from '../product-form.js';
import { type ConfirmAction, ConfirmPage } from '../views/confirm.js';
import { HistoryPage } from '../views/history.js';
import type { PageOptions } from './options.js';

const VersionForm = Type.Object(
  { _csrf: Type.String({ maxLength: 200 }), version: Type.String({ pattern: '^\\d{1,10}$' }) },
  { additionalProperties: false },
);
const StockForm = Type.Object(
  { _csrf: Type.String({ maxLength: 200 }), idempotency_key: FormKey, delta: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
const CHANGED_MEANWHILE =
  'This product was changed by someone else since you opened it, so nothing was done. Check it and try again.';

/** Stock, deactivate / reactivate / delete (each confirmed first), and the change history. */
export async function productActionRoutes(app: ServiceInstance, options: PageOptions): Promise<void> {
  const { products, validateStock } = options;
  const page = { params: ProductIdParamsSchema, response: PAGE_RESPONSES };
  const action = { params: ProductIdParamsSchema, body: VersionForm, response: ACTION_RESPONSES };

  /** The flash and redirect after a status change or deletion. */
  const after = <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    result: ApiResult<T>,
    done: { message: string; location: string },
  ) => {
    if (result.ok) {
      request.flash('success', done.message);
      return seeOther(reply, done.location);
    }
    if (result.status === 404) return sendNotFound(request, reply, `There is no product #${id} any more.`);
    request.flash(
      'error',
      result.status === 412 ? CHANGED_MEANWHILE : (result.problem.detail ?? 'Nothing was changed.'),
    );
    return seeOther(reply, `/products/${id}`);
  };

  app.post(
    '/products/:id/stock',
    {
      preValidation: app.csrfProtection,
      schema: { params: ProductIdParamsSchema, body: StockForm, response: ACTION_RESPONSES },
    },
    async (request, reply) => {
      const { id } = request.params;
      const change = { delta: integerOf(request.body.delta) };
      const errors = checkWith(validateStock, change);
      if (Object.keys(errors).length > 0) {
        request.flash(
          'error',
          'Stock not changed: enter a whole number of units to add (such as 5) or remove (such as -2).',
        );
        return seeOther(reply, `/products/${id}`);
      }
      const result = await products.adjustStock(id, change.delta as number, request.body.idempotency_key);
      if (result.ok) {
        request.flash('success', `Stock of “${result.value.name}” is now ${result.value.stock_quantity}.`);
        return seeOther(reply, `/products/${id}`);
      }
      if (result.status === 404) return sendNotFound(request, reply, `There is no product #${id} any more.`);
      request.flash(
        'error',
        `Stock not changed: ${result.problem.detail ?? 'the catalog refused the change.'}`,
      );
      return seeOther(reply, `/products/${id}`);
    },
  );

  /** The confirmation page of a status change or deletion (a GET: it changes nothing). */
  const confirmation =
    (kind: ConfirmAction) =>
    async (request: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply) => {
      const result = await products.get(request.params.id);
      if (!result.ok) return sendNotFound(request, reply, `There is no product #${request.params.id}.`);
      return sendPage(
        reply,
        <ConfirmPage context={contextOf(request, reply)} product={result.value} action={kind} />,
      );
    };
  app.get('/products/:id/deactivate', { schema: page }, confirmation('deactivate'));
  app.get('/products/:id/delete', { schema: page }, confirmation('delete'));

  /** Deactivate or reactivate (PATCH is_active with If-Match). */
  const statusChange = (active: boolean, done: (name: string) => string) =>
    app.post(
      `/products/:id/${active ? 'reactivate' : 'deactivate'}`,
      { preValidation: app.csrfProtection, schema: action },
      async (request, reply) => {
        const { id } = request.params;
        const result = await products.setActive(id, active, Number(request.body.version));
        const message = done(result.ok ? result.value.name : '');
        return after(request, reply, id, result, { message, location: `/products/${id}` });
      },
    );
  statusChange(false, (name) => `“${name}” is deactivated: customers no longer see it.`);
  statusChange(true, (name) => `“${name}” is active again: customers see it.`);

  app.post(
    '/products/:id/delete',
    { preValidation: app.csrfProtection, schema: action },
    async (request, reply) => {
      const { id } = request.params;
      const product = await products.get(id);
      if (!product.ok) return sendNotFound(request, reply, `There is no product #${id} any more.`);
      const result = await products.deletePermanently(id, Number(request.body.version));
      return after(request, reply, id, result, {
        message: `“${product.value.name}” was deleted permanently.`,
        location: '/products',
      });
    },
  );

  app.get('/products/:id/history', { schema: page }, async (request, reply) => {
    const { id } = request.params;
    const result = await products.history(id);
    if (!result.ok) return sendNotFound(request, reply, `There is no product #${id} and no history of one.`);
    const last = result.value.at(-1);
    const name = String(last?.after?.name ?? last?.before?.name ?? `#${id}`);
    return sendPage(
      reply,
      <HistoryPage context={contextOf(request, reply)} id={id} name={name} entries={result.value} />,
    );
  });
}
