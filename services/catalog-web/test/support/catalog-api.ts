import { eventually } from '@mystore/test-kit';
import { expect } from 'vitest';
import type { Product, ProductList } from '../../src/catalog-api/schemas.js';

/** What catalog-read answers, as the storefront reads it. */
export type {
  CategoryList as ApiCategories,
  Product as ApiProduct,
  ProductList as ApiList,
} from '../../src/catalog-api/schemas.js';

/** catalog-read's own answer, over HTTP: what pages must show. Load shedding's 503 is retried. */
export async function apiJson<T>(readUrl: string, path: string): Promise<T> {
  const response = await eventually(
    async () => {
      const answer = await fetch(`${readUrl}${path}`);
      if (answer.status === 503) throw new Error(`${path}: 503`);
      return answer;
    },
    30_000,
    100,
  );
  const body = await response.text();
  expect(response.status, `${path}: ${body}`).toBe(200);
  return JSON.parse(body) as T;
}

/** Every product of a list query, in catalog-read's order (pages of 100). */
export async function apiProducts(readUrl: string, query: string): Promise<Product[]> {
  const items: Product[] = [];
  let cursor: string | null = null;
  do {
    const list: ProductList = await apiJson<ProductList>(
      readUrl,
      `/api/v1/products?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...list.items);
    cursor = list.next_cursor;
  } while (cursor);
  return items;
}
