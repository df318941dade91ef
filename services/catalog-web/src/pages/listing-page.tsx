/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { CategoryList, ProductList } from '../catalog-api/schemas.js';
import { type ListingState, listingHref } from '../links.js';
import { absoluteUrl, type Shop } from '../shop.js';
import { CategoryNav } from './category-nav.js';
import { Document, type Head } from './document.js';
import { Filters } from './filters.js';
import { Pagination } from './pagination.js';
import { ProductCard } from './product-card.js';

export interface ListingPageProps {
  readonly shop: Shop;
  readonly state: ListingState;
  readonly categories: CategoryList;
  readonly list: ProductList;
}

function headingOf(state: ListingState): string {
  if (state.q !== undefined) {
    return state.category === undefined
      ? `Results for “${state.q}”`
      : `Results for “${state.q}” in ${state.category}`;
  }
  return state.category ?? 'All products';
}

function countText(total: number, locale: string): string {
  return `${total.toLocaleString(locale)} ${total === 1 ? 'product' : 'products'}`;
}

/**
 * Title, description and canonical link: a category (or the whole shop) is the page search engines
 * index; its sorted, filtered and later pages point to it, and search results are not indexed.
 */
function headOf({ shop, state, categories, list }: ListingPageProps): Head {
  const heading = headingOf(state);
  const count = countText(list.total, shop.locale);
  if (state.q !== undefined) {
    return { title: heading, description: `${count} matching “${state.q}” at ${shop.name}.`, noindex: true };
  }
  const canonical = absoluteUrl(shop, listingHref({ category: state.category }));
  const description =
    state.category === undefined
      ? `Browse ${count} in ${categories.length} categories at ${shop.name}.`
      : `Shop ${count} in ${state.category} at ${shop.name}.`;
  return { title: state.category ?? 'Shop all products', description, canonical };
}

/** Home, category and search results: one page with the API's parameters in its URL. */
export function ListingPage(props: ListingPageProps) {
  const { shop, state, categories, list } = props;
  return (
    <Document shop={shop} head={headOf(props)} search={state.q}>
      <div class="listing">
        <aside class="sidebar">
          <CategoryNav categories={categories} current={state.category} />
          <Filters state={state} currency={shop.currency} />
        </aside>
        <section class="results" aria-labelledby="results-heading">
          <div class="results-header">
            <h1 id="results-heading">{headingOf(state)}</h1>
            <p class="result-count">{countText(list.total, shop.locale)}</p>
          </div>
          {list.items.length > 0 ? (
            <ul class="grid">
              {list.items.map((product, index) => (
                <ProductCard key={product.id} product={product} shop={shop} index={index} />
              ))}
            </ul>
          ) : (
            <div class="empty">
              <p>No products match these filters.</p>
              <p>
                <a href="/">See all products</a>
              </p>
            </div>
          )}
          <Pagination state={state} previous={list.prev_cursor} next={list.next_cursor} />
        </section>
      </div>
    </Document>
  );
}
