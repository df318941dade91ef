// @jsxRuntime automatic
// @jsxImportSource preact
import type { AdminProduct } from '../admin-api/products.js';
import { CsrfField, Layout, type PageContext } from './layout.js';

export type ConfirmAction = 'deactivate' | 'delete';

const WORDING: Record<ConfirmAction, { title: string; text: string; button: string }> = {
  deactivate: {
    title: 'Deactivate',
    text: 'Customers will no longer see it in the shop. You can reactivate it at any time.',
    button: 'Deactivate',
  },
  delete: {
    title: 'Delete permanently',
    text: 'The product is removed for good and cannot be restored; its change history is kept.',
    button: 'Delete permanently',
  },
};

export function ConfirmPage(props: { context: PageContext; product: AdminProduct; action: ConfirmAction }) {
  const { product, action } = props;
  const wording = WORDING[action];
  return (
    <Layout title={`${wording.title}: ${product.name}`} context={props.context}>
      <h1>{`${wording.title} “${product.name}”?`}</h1>
      <p>{wording.text}</p>
      <form method="post" action={`/products/${product.id}/${action}`} class="actions">
        <CsrfField token={props.context.csrf} />
        <input type="hidden" name="version" value={String(product.version)} />
        <button type="submit" class="danger">
          {wording.button}
        </button>
        <a href={`/products/${product.id}`}>Cancel</a>
      </form>
    </Layout>
  );
}
