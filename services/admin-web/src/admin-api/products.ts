import { setTimeout as sleep } from 'node:timers/promises';
import type { AdminListQuery, AdminProductSchema } from '@mystore/catalog-rules';
import type { Static } from 'typebox';
import type { AdminApiClient, ApiResult, Call } from './client.js';

export type AdminProduct = Static<typeof AdminProductSchema>;

export interface ProductPage {
  readonly items: readonly AdminProduct[];
  readonly next_cursor: string | null;
  readonly prev_cursor: string | null;
  readonly total: number;
}

export interface HistoryEntry {
  readonly id: number;
  readonly action: string;
  readonly actor: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly at: string;
}

export interface ImportResult {
  readonly dry_run: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rows: readonly {
    readonly row: number;
    readonly action: 'create' | 'update' | 'unchanged';
    readonly id: number | null;
    readonly sku: string | null;
  }[];
}

/** The product fields a form sends (PATCH or POST bodies). */
export type ProductBody = Record<string, unknown>;

const PRODUCTS = '/api/admin/products';
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** admin-write's product routes, one method per call the console makes. */
export class ProductsApi {
  constructor(
    private readonly client: AdminApiClient,
    private readonly importTimeoutMs: number,
  ) {}

  list(query: AdminListQuery): Promise<ApiResult<ProductPage>> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) search.set(name, String(value));
    }
    return this.client.call('list', 'GET', `${PRODUCTS}?${search}`);
  }

  get(id: number): Promise<ApiResult<AdminProduct>> {
    return this.client.call('get', 'GET', `${PRODUCTS}/${id}`);
  }

  history(id: number): Promise<ApiResult<HistoryEntry[]>> {
    return this.client.call('history', 'GET', `${PRODUCTS}/${id}/history`);
  }

  /** A create bound to its form's key: a repeated submit replays the first answer (one product). */
  create(body: ProductBody, idempotencyKey: string): Promise<ApiResult<AdminProduct>> {
    return this.#once('create', PRODUCTS, { json: body, headers: { 'idempotency-key': idempotencyKey } });
  }

  /** Changes some fields if the product is still at `version` (else 412). */
  update(id: number, changes: ProductBody, version: number): Promise<ApiResult<AdminProduct>> {
    return this.client.call('update', 'PATCH', `${PRODUCTS}/${id}`, {
      json: changes,
      headers: ifMatch(version),
    });
  }

  setActive(id: number, active: boolean, version: number): Promise<ApiResult<AdminProduct>> {
    return this.client.call(active ? 'reactivate' : 'deactivate', 'PATCH', `${PRODUCTS}/${id}`, {
      json: { is_active: active },
      headers: ifMatch(version),
    });
  }

  deletePermanently(id: number, version: number): Promise<ApiResult<undefined>> {
    return this.client.call('delete', 'DELETE', `${PRODUCTS}/${id}?permanent=true`, {
      headers: ifMatch(version),
    });
  }

  adjustStock(id: number, delta: number, idempotencyKey: string): Promise<ApiResult<AdminProduct>> {
    return this.#once('stock', `${PRODUCTS}/${id}/stock`, {
      json: { delta },
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  /** The import as admin-write checks it (dry run) or applies it, all or nothing. */
  importCsv(
    csv: Buffer,
    options: { dryRun: boolean; idempotencyKey?: string },
  ): Promise<ApiResult<ImportResult>> {
    return this.#once(
      options.dryRun ? 'import-dry-run' : 'import',
      `${PRODUCTS}/import?dry_run=${options.dryRun}`,
      {
        raw: { body: csv, contentType: 'text/csv; charset=utf-8' },
        headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
        timeoutMs: this.importTimeoutMs,
      },
    );
  }

  exportCsv() {
    return this.client.stream('export', `${PRODUCTS}/export.csv`);
  }

  /**
   * A POST with an Idempotency-Key. While the first request with the key still runs (a double click),
   * admin-write answers 409 with Retry-After; waiting briefly then gets the first request's answer.
   */
  async #once<T>(operation: string, path: string, call: Call): Promise<ApiResult<T>> {
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.client.call<T>(operation, 'POST', path, call);
      if (result.ok || result.status !== 409 || result.problem.retryAfter === undefined || attempt >= 20) {
        return result;
      }
      await sleep(100 * Math.min(attempt + 1, 5));
    }
  }
}
