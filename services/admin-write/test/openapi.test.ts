import {
  documentMismatches,
  lintOpenApi,
  type OpenApiDocument,
  type RecordedRoute,
  recordRoutes,
} from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminWrite, call, prepareSqlite, startAdminWrite } from './support/api/harness.js';

describe('the OpenAPI document and the index of admin-write', () => {
  let started: AdminWrite;
  let routes: readonly RecordedRoute[];
  let remove: (() => void) | undefined;
  let document: OpenApiDocument;
  beforeAll(async () => {
    const prepared = await prepareSqlite('admin-write-openapi-');
    remove = prepared.remove;
    const recording = recordRoutes();
    started = await startAdminWrite(prepared.env).finally(() => recording.stop());
    routes = recording.routesOf(started.app);
    const response = await call(started.app, 'GET', '/api/admin/openapi.json');
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(async () => {
    await started?.app.close();
    remove?.();
  });

  it("passes Spectral's spectral:oas ruleset with no result at all", async () => {
    expect(await lintOpenApi(document)).toEqual([]);
  });

  it('documents every route with the parameters, body and responses of its schema', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(documentMismatches(document, routes)).toEqual([]);
  });

  it('documents bearer authentication, Idempotency-Key on the POSTs that take it and Idempotent-Replayed', () => {
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const posts: [string, string][] = [
      ['/api/admin/products', '201'],
      ['/api/admin/products/{id}/stock', '200'],
      ['/api/admin/products/import', '200'],
    ];
    for (const [path, status] of posts) {
      const operation = document.paths[path]?.post;
      const names = operation?.parameters?.map((parameter) => parameter.name);
      expect(names, path).toContain('idempotency-key');
      expect(Object.keys(operation?.responses?.[status]?.headers ?? {}), path).toEqual([
        'Idempotent-Replayed',
      ]);
    }
  });

  it('GET /api/admin and GET / link to the collections and the document, behind the token', async () => {
    const index = await call(started.app, 'GET', '/api/admin');
    expect(index.statusCode).toBe(200);
    expect(index.json().links).toMatchObject({
      products: '/api/admin/products',
      import: '/api/admin/products/import',
      export: '/api/admin/products/export.csv',
      openapi: '/api/admin/openapi.json',
    });
    const root = await call(started.app, 'GET', '/');
    expect(root.statusCode).toBe(200);
    expect(root.body).toBe(index.body);
    for (const url of ['/api/admin', '/']) {
      expect((await call(started.app, 'GET', url, { token: null })).statusCode, url).toBe(401);
    }
  });
});
