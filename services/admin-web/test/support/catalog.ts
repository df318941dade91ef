import { call, snapshotDatabase } from '../../../admin-write/test/support/api/harness.js';
import type { AdminProduct } from '../../src/admin-api/products.js';
import type { AdminWeb, Stack } from './stack.js';

export { snapshotDatabase, uniqueName, uniqueSku } from '../../../admin-write/test/support/api/harness.js';

/** admin-write called directly, to set up and check what the console did (the owner's token). */
export function adminApi(stack: Stack) {
  const { app } = stack.adminWrite;
  return {
    async get(id: number): Promise<AdminProduct | undefined> {
      const response = await call(app, 'GET', `/api/admin/products/${id}`);
      return response.statusCode === 200 ? (response.json() as AdminProduct) : undefined;
    },
    async create(body: Record<string, unknown>): Promise<AdminProduct> {
      const response = await call(app, 'POST', '/api/admin/products', { json: body });
      if (response.statusCode !== 201) throw new Error(`create: ${response.statusCode} ${response.body}`);
      return response.json() as AdminProduct;
    },
    async patch(id: number, body: Record<string, unknown>): Promise<AdminProduct> {
      const response = await call(app, 'PATCH', `/api/admin/products/${id}`, { json: body });
      if (response.statusCode !== 200) throw new Error(`patch: ${response.statusCode} ${response.body}`);
      return response.json() as AdminProduct;
    },
    async list(query: string): Promise<{ items: AdminProduct[]; total: number; next_cursor: string | null }> {
      const response = await call(app, 'GET', `/api/admin/products?${query}`);
      if (response.statusCode !== 200) throw new Error(`list: ${response.statusCode} ${response.body}`);
      return response.json();
    },
    /** Products with exactly this name (names are not unique; tests use unique ones). */
    async named(name: string): Promise<AdminProduct[]> {
      const rows = await stack.adminWrite.handle.db
        .selectFrom('products')
        .select(['product_id', 'name'])
        .where('name', '=', name)
        .execute();
      // SQLite's name column compares without case: keep exact matches.
      const ids = rows.filter((row) => row.name === name).map((row) => row.product_id);
      return (await Promise.all(ids.map((id) => this.get(id)))).filter((product) => product !== undefined);
    },
    snapshot: () => snapshotDatabase(stack.adminWrite.handle.db),
  };
}

/** How many calls admin-web made to admin-write for an operation (the upstream metric, every outcome). */
export async function apiCalls(web: AdminWeb, operation: string): Promise<number> {
  let count = 0;
  for (const line of (await web.registry.metrics()).split('\n')) {
    if (
      line.startsWith('mystore_upstream_request_duration_seconds_count{upstream="admin-write",') &&
      line.includes(`operation="${operation}"`)
    ) {
      count += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return count;
}

/** The text of a page without its tags (for reading what the owner reads). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
