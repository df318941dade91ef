import { type UpstreamErrorReason, upstreamErrorReason } from '@mystore/service-kernel';
import { LRUCache } from 'lru-cache';
import { Compile } from 'typebox/compile';
import { Pool } from 'undici';
import type { ApiOperation, ApiOutcome, WebMetrics } from '../metrics.js';
import { type CallContext, propagationHeaders } from './call-context.js';
import { CatalogUnavailableError } from './errors.js';
import {
  type ApiProblem,
  ApiProblemSchema,
  type CategoryList,
  CategoryListSchema,
  type Product,
  type ProductList,
  ProductListSchema,
  PublicProductSchema,
} from './schemas.js';

/** An answer of catalog-read the storefront can render. */
export type Answer<T> =
  | { readonly status: 200; readonly value: T; readonly etag: string | undefined }
  | { readonly status: 404 }
  | { readonly status: 400; readonly problem: ApiProblem };

export interface CatalogApiOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly connections: number;
  /** Bound of the remembered answers (their JSON text length). */
  readonly cacheMaxBytes: number;
  readonly metrics: WebMetrics;
}

interface Remembered {
  readonly etag: string;
  readonly value: unknown;
  /** Its JSON text and path length: what the cache bound counts. */
  readonly size: number;
}

/** Largest answer read (a page of 100 products with long descriptions is about 1 MB). */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const checks = {
  products: Compile(ProductListSchema),
  product: Compile(PublicProductSchema),
  categories: Compile(CategoryListSchema),
  problem: Compile(ApiProblemSchema),
} satisfies Record<ApiOperation | 'problem', { Check(value: unknown): boolean }>;

/**
 * catalog-read's public API over a keep-alive connection pool. Every call has one deadline for connect,
 * headers and body; an answer with an ETag is remembered and revalidated (`If-None-Match`), so a
 * repeated page costs catalog-read a 304. Anything but 200, 304, 400 and 404 makes the catalog
 * unavailable to this request (`CatalogUnavailableError`).
 */
export class CatalogApi {
  readonly #pool: Pool;
  readonly #remembered: LRUCache<string, Remembered> | undefined;
  readonly #options: CatalogApiOptions;

  constructor(options: CatalogApiOptions) {
    this.#options = options;
    this.#pool = new Pool(options.baseUrl, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      maxResponseSize: MAX_RESPONSE_BYTES,
    });
    this.#remembered =
      options.cacheMaxBytes > 0
        ? new LRUCache({ maxSize: options.cacheMaxBytes, sizeCalculation: (entry) => entry.size })
        : undefined;
  }

  products(query: URLSearchParams, call: CallContext): Promise<Answer<ProductList>> {
    return this.#get(`/api/v1/products?${query}`, 'products', call) as Promise<Answer<ProductList>>;
  }

  product(id: number, call: CallContext): Promise<Answer<Product>> {
    return this.#get(`/api/v1/products/${id}`, 'product', call) as Promise<Answer<Product>>;
  }

  categories(call: CallContext): Promise<Answer<CategoryList>> {
    return this.#get('/api/v1/categories', 'categories', call) as Promise<Answer<CategoryList>>;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #get(path: string, operation: ApiOperation, call: CallContext): Promise<Answer<unknown>> {
    const started = performance.now();
    let outcome: ApiOutcome = 'failed';
    let failure: UpstreamErrorReason | undefined;
    try {
      const answer = await this.#fetch(path, operation, call);
      outcome = answerOutcome(answer);
      return answer.answer;
    } catch (error) {
      failure = upstreamErrorReason(error);
      outcome = failure === 'timeout' ? 'timeout' : 'failed';
      if (error instanceof CatalogUnavailableError) throw error;
      const reason = outcome === 'timeout' ? `no answer within ${this.#options.timeoutMs} ms` : 'unreachable';
      throw new CatalogUnavailableError(`catalog-read ${reason} (${operation})`, { cause: error });
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.#options.metrics.apiDuration.observe({ operation, outcome }, seconds, failure);
    }
  }

  async #fetch(
    path: string,
    operation: ApiOperation,
    call: CallContext,
  ): Promise<{ answer: Answer<unknown>; revalidated: boolean }> {
    const remembered = this.#remembered?.get(path);
    const { statusCode, headers, body } = await this.#pool.request({
      path,
      method: 'GET',
      headers: {
        accept: 'application/json',
        ...propagationHeaders(call),
        ...(remembered ? { 'if-none-match': remembered.etag } : {}),
      },
      signal: AbortSignal.timeout(this.#options.timeoutMs),
    });
    if (statusCode === 304 && remembered) {
      await body.dump();
      return { answer: { status: 200, value: remembered.value, etag: remembered.etag }, revalidated: true };
    }
    if (statusCode === 200) {
      const text = await body.text();
      const value: unknown = JSON.parse(text);
      if (!checks[operation].Check(value)) {
        throw new CatalogUnavailableError(`catalog-read's ${operation} answer does not match its schema`);
      }
      const etag = typeof headers.etag === 'string' ? headers.etag : undefined;
      if (etag) this.#remembered?.set(path, { etag, value, size: path.length + text.length });
      return { answer: { status: 200, value, etag }, revalidated: false };
    }
    if (statusCode === 404) {
      await body.dump();
      return { answer: { status: 404 }, revalidated: false };
    }
    if (statusCode === 400) {
      const problem: unknown = await body.json().catch(() => ({}));
      return {
        answer: { status: 400, problem: checks.problem.Check(problem) ? (problem as ApiProblem) : {} },
        revalidated: false,
      };
    }
    await body.dump();
    throw new CatalogUnavailableError(`catalog-read answered ${statusCode} (${operation})`);
  }
}

function answerOutcome({
  answer,
  revalidated,
}: {
  answer: Answer<unknown>;
  revalidated: boolean;
}): ApiOutcome {
  if (answer.status === 404) return 'not_found';
  if (answer.status === 400) return 'rejected';
  return revalidated ? 'not_modified' : 'ok';
}
