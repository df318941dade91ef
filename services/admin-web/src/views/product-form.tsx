// @jsxRuntime automatic
// @jsxImportSource preact
import type { AdminProduct } from '../admin-api/products.js';
import type { FieldMessages, FormValues } from '../product-form.js';
import { ErrorSummary, Field, PRODUCT_FIELDS } from './fields.js';
import { CsrfField, Layout, type PageContext } from './layout.js';
import { formatPrice } from './money.js';

const EDIT_FIELDS = PRODUCT_FIELDS.filter((field) => field.name !== 'stock_quantity');

export function NewProductPage(props: {
  context: PageContext;
  values: FormValues;
  errors: FieldMessages;
  idempotencyKey: string;
}) {
  return (
    <Layout title="New product" context={props.context}>
      <h1>New product</h1>
      <ErrorSummary errors={props.errors} fields={PRODUCT_FIELDS} />
      <form method="post" action="/products">
        <CsrfField token={props.context.csrf} />
        {/* One key per form: submitting it twice creates one product. */}
        <input type="hidden" name="idempotency_key" value={props.idempotencyKey} />
        {PRODUCT_FIELDS.map((spec) => (
          <Field spec={spec} values={props.values} errors={props.errors} />
        ))}
        <div class="field check">
          <input
            id="is_active"
            name="is_active"
            type="checkbox"
            value="true"
            checked={props.values.is_active === 'true'}
          />
          <label for="is_active">Active (customers see it)</label>
        </div>
        <div class="actions">
          <button type="submit">Create product</button>
          <a href="/products">Cancel</a>
        </div>
      </form>
    </Layout>
  );
}

const SHOWN = [
  ['Name', (p: AdminProduct) => p.name],
  ['SKU', (p: AdminProduct) => p.sku ?? '—'],
  ['Price', (p: AdminProduct) => p.price],
  ['Category', (p: AdminProduct) => p.category ?? '—'],
  ['Image URL', (p: AdminProduct) => p.image_url ?? '—'],
  ['Description', (p: AdminProduct) => p.description ?? '—'],
  ['Stock', (p: AdminProduct) => String(p.stock_quantity)],
  ['Status', (p: AdminProduct) => (p.is_active ? 'active' : 'inactive')],
] as const;

/** After a 412: what is stored now, beside the owner's own input (kept in the form below). */
function Conflict({ current }: { current: AdminProduct }) {
  return (
    <section class="notice warning" aria-labelledby="conflict-title">
      <h2 id="conflict-title">This product was changed by someone else since you opened it</h2>
      <p>Your changes were not saved. These are its values now:</p>
      <dl class="values">
        {SHOWN.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value(current)}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={`/products/${current.id}`}>Discard my changes and reload the current version</a>, or save the
        form below again to replace these values with yours.
      </p>
    </section>
  );
}

function Sidebar(props: { context: PageContext; product: AdminProduct; stockKey: string; currency: string }) {
  const { product, context } = props;
  return (
    <aside>
      <section aria-labelledby="stock-title">
        <h2 id="stock-title">Stock</h2>
        <p>
          <strong>{product.stock_quantity}</strong> in stock · {formatPrice(product.price, props.currency)}{' '}
          each
        </p>
        <form method="post" action={`/products/${product.id}/stock`}>
          <CsrfField token={context.csrf} />
          <input type="hidden" name="idempotency_key" value={props.stockKey} />
          <div class="field">
            <label for="delta">Add or remove units</label>
            <span id="delta-hint" class="hint">
              For example 5 to add, -2 to remove.
            </span>
            <input
              id="delta"
              name="delta"
              type="text"
              inputMode="numeric"
              required
              aria-describedby="delta-hint"
            />
          </div>
          <button type="submit">Adjust stock</button>
        </form>
      </section>
      <section aria-labelledby="status-title">
        <h2 id="status-title">Status</h2>
        {product.is_active ? (
          <>
            <p>Active: customers see this product.</p>
            <a class="button secondary" href={`/products/${product.id}/deactivate`}>
              Deactivate…
            </a>
          </>
        ) : (
          <>
            <p>Inactive: customers do not see this product.</p>
            <form method="post" action={`/products/${product.id}/reactivate`}>
              <CsrfField token={context.csrf} />
              <input type="hidden" name="version" value={String(product.version)} />
              <button type="submit">Reactivate</button>
            </form>
          </>
        )}
      </section>
      <section aria-labelledby="more-title">
        <h2 id="more-title">More</h2>
        <ul>
          <li>
            <a href={`/products/${product.id}/history`}>Change history</a>
          </li>
          <li>
            <a href={`/products/${product.id}/delete`}>Delete permanently…</a>
          </li>
        </ul>
      </section>
    </aside>
  );
}

export function EditProductPage(props: {
  context: PageContext;
  product: AdminProduct;
  values: FormValues;
  errors: FieldMessages;
  /** The version the form saves over: the one the owner opened, or the current one after a conflict. */
  version: number;
  stockKey: string;
  currency: string;
  conflict?: boolean;
}) {
  const { product } = props;
  return (
    <Layout title={product.name} context={props.context}>
      <h1>
        {product.name} {!product.is_active && <span class="badge inactive">inactive</span>}
      </h1>
      {props.conflict && <Conflict current={product} />}
      <div class="columns">
        <div>
          <ErrorSummary errors={props.errors} fields={EDIT_FIELDS} />
          <form method="post" action={`/products/${product.id}`}>
            <CsrfField token={props.context.csrf} />
            <input type="hidden" name="version" value={String(props.version)} />
            {EDIT_FIELDS.map((spec) => (
              <Field spec={spec} values={props.values} errors={props.errors} />
            ))}
            <div class="actions">
              <button type="submit">Save changes</button>
              <a href="/products">Back to products</a>
            </div>
          </form>
        </div>
        <Sidebar
          context={props.context}
          product={product}
          stockKey={props.stockKey}
          currency={props.currency}
        />
      </div>
    </Layout>
  );
}
