/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { PRICE_TEXT_PATTERN } from '@mystore/catalog-rules';
import type { ListingState } from '../links.js';

/** The API's sorts as customers name them. */
export const SORT_LABELS = {
  name: 'Name (A to Z)',
  price: 'Price (low to high)',
  '-price': 'Price (high to low)',
  newest: 'Newest first',
} as const;

/** HTML's pattern attribute is anchored already. */
const PRICE_PATTERN = PRICE_TEXT_PATTERN.replace(/^\^|\$$/g, '');

/** A price bound, checked by the browser with the API's own pattern before the form is sent. */
function PriceField({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <input id={name} name={name} inputMode="decimal" pattern={PRICE_PATTERN} value={value ?? ''} size={8} />
    </div>
  );
}

/**
 * Price range, stock and sort as one GET form: submitting it starts again at the first page and keeps
 * the search and category (hidden fields), so every state is a plain URL. Folded away (a native
 * `<details>`, no script) until a filter or sort is in use, so a phone shows products first.
 */
export function Filters({ state, currency }: { state: ListingState; currency: string }) {
  const inUse =
    state.min_price !== undefined ||
    state.max_price !== undefined ||
    state.in_stock === true ||
    (state.sort ?? 'name') !== 'name';
  return (
    <details class="filters" open={inUse}>
      <summary>Filter and sort</summary>
      <form action="/" method="get">
        {state.q !== undefined && <input type="hidden" name="q" value={state.q} />}
        {state.category !== undefined && <input type="hidden" name="category" value={state.category} />}
        {state.limit !== undefined && state.limit !== 20 && (
          <input type="hidden" name="limit" value={String(state.limit)} />
        )}
        <div class="price-range">
          <PriceField name="min_price" label={`Min price (${currency})`} value={state.min_price} />
          <PriceField name="max_price" label={`Max price (${currency})`} value={state.max_price} />
        </div>
        <div class="field checkbox">
          <input
            id="in_stock"
            type="checkbox"
            name="in_stock"
            value="true"
            checked={state.in_stock === true}
          />
          <label for="in_stock">In stock only</label>
        </div>
        <div class="field">
          <label for="sort">Sort by</label>
          <select id="sort" name="sort">
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value} selected={(state.sort ?? 'name') === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Apply</button>
      </form>
    </details>
  );
}
