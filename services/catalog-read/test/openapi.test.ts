import { documentMismatches, lintOpenApi, type OpenApiDocument } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSqliteCatalogRead } from './support/sqlite-app.js';

describe('the OpenAPI document of catalog-read', () => {
  let started: Awaited<ReturnType<typeof startSqliteCatalogRead>>;
  let document: OpenApiDocument;
  beforeAll(async () => {
    // With CORS on: its OPTIONS route is one of the app's routes (hidden from the document).
    started = await startSqliteCatalogRead({ CORS_ORIGINS: 'https://www.shop.test' });
    const response = await started.app.inject('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(() => started?.close());

  it("passes Spectral's spectral:oas ruleset with no result at all", async () => {
    expect(await lintOpenApi(document)).toEqual([]);
  });

  it('documents every route with the parameters, body and responses of its schema', () => {
    expect(started.routes.length).toBeGreaterThan(5);
    expect(documentMismatches(document, started.routes)).toEqual([]);
  });

  it('documents errors as problem+json, optional parameters as optional, and where the API is', () => {
    const list = document.paths['/api/v1/products']?.get;
    expect(Object.keys(list?.responses?.['4XX']?.content ?? {})).toEqual(['application/problem+json']);
    const required = list?.parameters?.filter((parameter) => parameter.required);
    expect(required).toEqual([]);
    expect(document.servers).toEqual([expect.objectContaining({ url: 'http://{host}' })]);
  });
});

describe('the index of catalog-read', () => {
  let started: Awaited<ReturnType<typeof startSqliteCatalogRead>>;
  beforeAll(async () => {
    started = await startSqliteCatalogRead();
  });
  afterAll(() => started?.close());

  it('GET /api/v1 and GET / link to the products, the categories and the OpenAPI document', async () => {
    const index = await started.app.inject('/api/v1');
    expect(index.statusCode).toBe(200);
    expect(index.json().links).toMatchObject({
      products: '/api/v1/products',
      categories: '/api/v1/categories',
      openapi: '/api/v1/openapi.json',
    });
    const root = await started.app.inject('/');
    expect(root.statusCode).toBe(200);
    expect(root.body).toBe(index.body);
    for (const link of ['products', 'categories', 'openapi'] as const) {
      expect((await started.app.inject(index.json().links[link])).statusCode, link).toBe(200);
    }
    expect((await started.app.inject('/api/v1?x=1')).statusCode).toBe(400);
  });
});
