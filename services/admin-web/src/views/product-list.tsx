// @jsxRuntime automatic
// @jsxImportSource preact
import type { AdminListQuery } from '@mystore/catalog-rules';
import type { AdminProduct, ProductPage } from '../admin-api/products.js';
import { Layout, type PageContext } from './layout.js';
import { formatPrice } from './money.js';

const SORTS = [
  { value: 'name', label: 'Name' },
  { value: 'price', label: 'Price, lowest first' },
  { value: '-price', label: 'Price, highest first' },
  { value: 'newest', label: 'Newest first' },
] as const;

export interface ListView {
  readonly query: AdminListQuery;
  readonly page: ProductPage;
  readonly lowStock: number;
  readonly currency: string;
}

/** `/products?…` with the current filters and another cursor. */
function pageHref(query: AdminListQuery, cursor: string): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, limit: undefined, cursor })) {
    if (value !== undefined) search.set(name, String(value));
  }
  return `/products?${search}`;
}

function Stock({ product, lowStock }: { product: AdminProduct; lowStock: number }) {
  const count = product.stock_quantity;
  if (count === 0) return <td class="num stock-out">0 (out of stock)</td>;
  if (count <= lowStock) return <td class="num stock-low">{count} (low)</td>;
  return <td class="num">{count}</td>;
}

function Filters({ query }: { query: AdminListQuery }) {
  const status = query.is_active === undefined ? '' : String(query.is_active);
  return (
    <search aria-label="Filter products">
      <form method="get" action="/products" class="filters">
        <div>
          <label for="q">Search</label>
          <input id="q" name="q" type="search" value={query.q ?? ''} maxLength={200} />
        </div>
        <div>
          <label for="category">Category</label>
          <input id="category" name="category" value={query.category ?? ''} maxLength={100} />
        </div>
        <div>
          <label for="is_active">Status</label>
          <select id="is_active" name="is_active">
            <option value="" selected={status === ''}>
              Active and inactive
            </option>
            <option value="true" selected={status === 'true'}>
              Active
            </option>
            <option value="false" selected={status === 'false'}>
              Inactive
            </option>
          </select>
        </div>
        <div>
          <label for="sort">Sort by</label>
          <select id="sort" name="sort">
            {SORTS.map((sort) => (
              <option value={sort.value} selected={(query.sort ?? 'name') === sort.value}>
                {sort.label}
              </option>
            ))}
          </select>
        </div>
        <div class="check">
          <input
            id="in_stock"
            name="in_stock"
            type="checkbox"
            value="true"
            checked={query.in_stock === true}
          />
          <label for="in_stock">In stock only</label>
        </div>
        <button type="submit">Show</button>
      </form>
    </search>
  );
}

export function ProductListPage(props: { context: PageContext; view: ListView }) {
  const { query, page, lowStock, currency } = props.view;
  return (
    <Layout title="Products" context={props.context}>
      <h1>Products</h1>
      <p class="actions">
        <a class="button" href="/products/new">
          New product
        </a>
      </p>
      <Filters query={query} />
      <p role="status">{page.total === 1 ? '1 product' : `${page.total} products`}</p>
      {page.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">SKU</th>
              <th scope="col">Category</th>
              <th scope="col" class="num">
                Price
              </th>
              <th scope="col" class="num">
                Stock
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((product) => (
              <tr>
                <td>
                  <a href={`/products/${product.id}`}>{product.name}</a>
                </td>
                <td>{product.sku ?? ''}</td>
                <td>{product.category ?? ''}</td>
                <td class="num">{formatPrice(product.price, currency)}</td>
                <Stock product={product} lowStock={lowStock} />
                <td>
                  {product.is_active ? (
                    <span class="badge">active</span>
                  ) : (
                    <span class="badge inactive">inactive</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pages" aria-label="Pages">
        {page.prev_cursor && (
          <a href={pageHref(query, page.prev_cursor)} rel="prev">
            Previous page
          </a>
        )}
        {page.next_cursor && (
          <a href={pageHref(query, page.next_cursor)} rel="next">
            Next page
          </a>
        )}
      </nav>
    </Layout>
  );
}
