import type { PublicListQuery } from '@mystore/catalog-rules';

/** A listing's state: the API's list parameters, each optional. */
export type ListingState = Partial<PublicListQuery>;

const KEYS = ['q', 'category', 'min_price', 'max_price', 'in_stock', 'sort', 'limit', 'cursor'] as const;
const KNOWN: ReadonlySet<string> = new Set(KEYS);
const DEFAULTS: ListingState = { sort: 'name', limit: 20 };

/**
 * The query string of a listing, in one key order and without defaults, so one state has one URL
 * (and one cache entry). The storefront's URLs take exactly the API's parameters.
 */
export function listingSearch(state: ListingState): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (value === undefined || value === false || value === DEFAULTS[key]) continue;
    search.set(key, String(value));
  }
  return search;
}

/** A link to a listing page. */
export function listingHref(state: ListingState): string {
  const search = listingSearch(state).toString();
  return search ? `/?${search}` : '/';
}

/**
 * The listing parameters of a query string as sent, in their order and spelling: the parameters the
 * listing ignores (`utm_source`, `gclid`…, which its schema drops) are left out, so they never move a
 * page to another address.
 */
export function listingPartOf(rawSearch: string): string {
  return rawSearch
    .split('&')
    .filter((pair) => KNOWN.has(new URLSearchParams(pair).keys().next().value ?? ''))
    .join('&');
}
