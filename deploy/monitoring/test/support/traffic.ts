import { randomUUID } from 'node:crypto';

/** Requests customers make of catalog-read: hits, misses, a 404 and a 400 among them. */
export async function browseCatalog(base: string, round: number): Promise<void> {
  const paths = [
    '/api/v1/products',
    `/api/v1/products?limit=${(round % 5) + 1}`,
    '/api/v1/products?sort=-price&in_stock=true',
    `/api/v1/products?q=espresso${round % 3}`,
    '/api/v1/categories',
    `/api/v1/products/${(round % 20) + 1}`,
    '/api/v1/products/99999999',
    '/api/v1/products?limit=500',
  ];
  await Promise.all(paths.map((path) => fetch(`${base}${path}`).then((response) => response.arrayBuffer())));
}

/** What the owner's scripts do with admin-write: reads, a create, a change, a replayed POST, an import. */
export async function administer(base: string, token: string, round: number): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const sku = `MON-${round}-${randomUUID().slice(0, 8)}`;
  const body = JSON.stringify({ name: `Monitoring ${round}`, price: '12.50', category: 'Kitchen', sku });
  const key = randomUUID();
  const created = await fetch(`${base}/api/admin/products`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': key },
    body,
  });
  const location = created.headers.get('location');
  await created.arrayBuffer();
  // The same key and body again: answered from the stored response.
  await fetch(`${base}/api/admin/products`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': key },
    body,
  }).then((response) => response.arrayBuffer());
  if (location) {
    await fetch(`${base}${location}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ stock_quantity: round }),
    }).then((response) => response.arrayBuffer());
  }
  await fetch(`${base}/api/admin/products?limit=5`, { headers }).then((response) => response.arrayBuffer());
  await fetch(`${base}/api/admin/products/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: `sku,name,price,category,stock_quantity\nIMP-${round},Imported ${round},3.20,Kitchen,4\n`,
  }).then((response) => response.arrayBuffer());
}

/** Requests with a wrong token, as a token-guessing client would send them. */
export async function guessTokens(base: string, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, () =>
      fetch(`${base}/api/admin/products`, { headers: { authorization: `Bearer ${randomUUID()}` } }).then(
        (response) => response.arrayBuffer(),
      ),
    ),
  );
}

/** Pages customers open on the storefront: listings, a search, products (some unknown), a 404. */
export async function browseStorefront(base: string, round: number): Promise<void> {
  const paths = [
    '/',
    `/?category=Kitchen&page=${(round % 3) + 1}`,
    `/?q=tea${round % 4}`,
    `/products/${(round % 20) + 1}`,
    '/products/99999999',
    '/nowhere',
  ];
  await Promise.all(paths.map((path) => fetch(`${base}${path}`).then((response) => response.arrayBuffer())));
}

/** The owner's console without a session: the sign-in page and a page that sends there. */
export async function openConsole(base: string): Promise<void> {
  await Promise.all(
    ['/sign-in', '/products'].map((path) =>
      fetch(`${base}${path}`, { redirect: 'manual' }).then((response) => response.arrayBuffer()),
    ),
  );
}
