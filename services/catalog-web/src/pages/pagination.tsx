/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { type ListingState, listingHref } from '../links.js';

/** Previous and next pages from the API's cursors, as plain links (the back button just works). */
export function Pagination({
  state,
  previous,
  next,
}: {
  state: ListingState;
  previous: string | null;
  next: string | null;
}) {
  if (!previous && !next) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {previous && (
        <a rel="prev" href={listingHref({ ...state, cursor: previous })}>
          ← Previous page
        </a>
      )}
      {next && (
        <a rel="next" href={listingHref({ ...state, cursor: next })}>
          Next page →
        </a>
      )}
    </nav>
  );
}
