// @jsxRuntime automatic
// @jsxImportSource preact
import { randomUUID } from 'node:crypto';
import { AdminListQuerySchema, ProductIdParamsSchema } from '@mystore/catalog-rules';
import type { ServiceInstance } from '@mystore/service-kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiProblem } from '../admin-api/client.js';
import type { AdminProduct } from '../admin-api/products.js';
import { sendNotFound } from '../error-pages.js';
import { ACTION_RESPONSES, contextOf, PAGE_RESPONSES, seeOther, sendPage } from '../page.js';
import {
  checkWith,
  EditProductFormSchema,
  type FieldMessages,
  type FormValues,
  formValuesOf,
  messagesOf,
  NewProductFormSchema,
  productBodyOf,
} from '../product-form.js';
import { EditProductPage, NewProductPage } from '../views/product-form.js';
import { ProductListPage } from '../views/product-list.js';
import type { PageOptions } from './options.js';

/** A GET form sends its empty fields too (`q=&category=`): an empty filter is no filter. */
async function dropEmptyQueryValues(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    if (value === '') delete query[name];
  }
}

/** admin-write's refusal as the form shows it: per-field messages, or one for the whole form. */
function problemMessages(problem: ApiProblem): FieldMessages {
  const messages = messagesOf(problem.errors ?? []);
  return Object.keys(messages).length > 0
    ? messages
    : { form: problem.detail ?? 'The catalog refused this change.' };
}

/** Product list, new product, edit product. */
export async function productRoutes(app: ServiceInstance, options: PageOptions): Promise<void> {
  const { products, config, validateProduct } = options;

  app.get(
    '/products',
    {
      preValidation: dropEmptyQueryValues,
      schema: { querystring: AdminListQuerySchema, response: PAGE_RESPONSES },
    },
    async (request, reply) => {
      const query = { ...request.query, limit: config.PAGE_SIZE };
      const result = await products.list(query);
      const context = contextOf(request, reply);
      if (!result.ok) {
        // A cursor from another sort, min above max: say so and show the first page of everything.
        const notices = {
          ...context.notices,
          error: [result.problem.detail ?? 'Those filters cannot be used.'],
        };
        const view = { query: {}, page: { items: [], next_cursor: null, prev_cursor: null, total: 0 } };
        return sendPage(
          reply,
          <ProductListPage
            context={{ ...context, notices }}
            view={{ ...view, lowStock: config.LOW_STOCK_THRESHOLD, currency: config.SHOP_CURRENCY }}
          />,
          400,
        );
      }
      const view = {
        query: request.query,
        page: result.value,
        lowStock: config.LOW_STOCK_THRESHOLD,
        currency: config.SHOP_CURRENCY,
      };
      return sendPage(reply, <ProductListPage context={context} view={view} />);
    },
  );

  const newForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values: FormValues; errors: FieldMessages; key: string; notice?: string },
    status: number,
  ) => {
    const context = contextOf(request, reply);
    const errors = { ...form.errors };
    const general = [...(errors.form ? [errors.form] : []), ...(form.notice ? [form.notice] : [])];
    delete errors.form;
    const notices = general.length > 0 ? { ...context.notices, error: general } : context.notices;
    return sendPage(
      reply,
      <NewProductPage
        context={{ ...context, notices }}
        values={form.values}
        errors={errors}
        idempotencyKey={form.key}
      />,
      status,
    );
  };

  app.get('/products/new', { schema: { response: PAGE_RESPONSES } }, async (request, reply) =>
    newForm(request, reply, { values: { is_active: 'true' }, errors: {}, key: randomUUID() }, 200),
  );

  app.post(
    '/products',
    { preValidation: app.csrfProtection, schema: { body: NewProductFormSchema, response: ACTION_RESPONSES } },
    async (request, reply) => {
      const values = request.body;
      const body = productBodyOf(values, 'create');
      // The shared rules first: a mistake is shown beside its field without calling admin-write.
      const errors = checkWith(validateProduct, body);
      if (Object.keys(errors).length > 0) {
        return newForm(request, reply, { values, errors, key: values.idempotency_key }, 400);
      }
      const result = await products.create(body, values.idempotency_key);
      if (result.ok) {
        request.flash('success', `Created “${result.value.name}”.`);
        return seeOther(reply, `/products/${result.value.id}`);
      }
      if (result.status === 422) {
        // The same form was submitted before with other values and created a product then.
        const notice =
          'This form had already created a product (look for it in the list). Submit it again to create another one.';
        return newForm(request, reply, { values, errors: {}, key: randomUUID(), notice }, 409);
      }
      return newForm(
        request,
        reply,
        { values, errors: problemMessages(result.problem), key: values.idempotency_key },
        result.status,
      );
    },
  );

  const editForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    product: AdminProduct,
    form: { values: FormValues; errors: FieldMessages; version: number; conflict?: boolean },
    status = 200,
  ) => {
    const context = contextOf(request, reply);
    const errors = { ...form.errors };
    const notices = errors.form ? { ...context.notices, error: [errors.form] } : context.notices;
    delete errors.form;
    return sendPage(
      reply,
      <EditProductPage
        context={{ ...context, notices }}
        product={product}
        values={form.values}
        errors={errors}
        version={form.version}
        stockKey={randomUUID()}
        currency={config.SHOP_CURRENCY}
        conflict={form.conflict}
      />,
      status,
    );
  };

  app.get(
    '/products/:id',
    { schema: { params: ProductIdParamsSchema, response: PAGE_RESPONSES } },
    async (request, reply) => {
      const result = await products.get(request.params.id);
      if (!result.ok) return sendNotFound(request, reply, `There is no product #${request.params.id}.`);
      const product = result.value;
      return editForm(request, reply, product, {
        values: formValuesOf(product),
        errors: {},
        version: product.version,
      });
    },
  );

  app.post(
    '/products/:id',
    {
      preValidation: app.csrfProtection,
      schema: { params: ProductIdParamsSchema, body: EditProductFormSchema, response: ACTION_RESPONSES },
    },
    async (request, reply) => {
      const { id } = request.params;
      const values = request.body;
      const version = Number(values.version);
      const body = productBodyOf(values, 'edit');
      const errors = checkWith(validateProduct, body);
      if (Object.keys(errors).length === 0) {
        const result = await products.update(id, body, version);
        if (result.ok) {
          request.flash('success', `Saved “${result.value.name}”.`);
          return seeOther(reply, `/products/${id}`);
        }
        if (result.status !== 412) {
          if (result.status === 404)
            return sendNotFound(request, reply, `There is no product #${id} any more.`);
          return rerender(problemMessages(result.problem), result.status);
        }
        // Changed since the owner opened it: show what is stored now and keep the owner's input.
        const current = await products.get(id);
        if (!current.ok) return sendNotFound(request, reply, `There is no product #${id} any more.`);
        return editForm(
          request,
          reply,
          current.value,
          { values, errors: {}, version: current.value.version, conflict: true },
          409,
        );
      }
      return rerender(errors, 400);

      async function rerender(messages: FieldMessages, status: number) {
        const current = await products.get(id);
        if (!current.ok) return sendNotFound(request, reply, `There is no product #${id} any more.`);
        return editForm(request, reply, current.value, { values, errors: messages, version }, status);
      }
    },
  );
}
