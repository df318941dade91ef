import { SEED_CATEGORIES } from '@mystore/db';
import { captureCachedResponse } from './bare.js';
import type { RawResponse } from './http.js';

/**
 * The request the catalog-read suites load: the public product list of the first seed category, a
 * response catalog-read caches.
 */
export const LIST_ROUTE = '/api/v1/products';
export const LIST_CATEGORY = SEED_CATEGORIES[0];
export const LIST_REQUEST = `${LIST_ROUTE}?category=${encodeURIComponent(LIST_CATEGORY)}`;

/** Warms a catalog-read's cache for the list and returns the cached response and its item count. */
export async function captureList(baseUrl: string): Promise<{ capture: RawResponse; items: number }> {
  const capture = await captureCachedResponse(`${baseUrl}${LIST_REQUEST}`);
  const items = (JSON.parse(capture.body.toString('utf8')) as { items: unknown[] }).items.length;
  if (items === 0)
    throw new Error(`category "${LIST_CATEGORY}" has no products: the seed did not reach the replica`);
  return { capture, items };
}
