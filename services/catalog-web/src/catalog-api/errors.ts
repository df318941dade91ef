/**
 * catalog-read could not answer in time or answered with a server error: the storefront shows its
 * "temporarily unavailable" page (503) and logs the cause.
 */
export class CatalogUnavailableError extends Error {
  override name = 'CatalogUnavailableError';
}
