import type { AddressInfo } from 'node:net';
import { HELMET_HEADER_NAMES, securityHeadersOf, sendRawRequest } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogApp, startSqliteCatalogRead } from './support/sqlite-app.js';

interface Answer {
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: string;
}

/** catalog-read with CORS on (its OPTIONS route answers every path) and with it off (the default). */
describe.each<[string, Record<string, string>]>([
  ['with CORS', { CORS_ORIGINS: 'https://www.shop.test' }],
  ['without CORS', {}],
])('catalog-read %s: errors answered before a route runs', (_, env) => {
  let started: Awaited<ReturnType<typeof startSqliteCatalogRead>>;
  let app: CatalogApp;
  let expectedHeaders: Record<string, unknown>;
  beforeAll(async () => {
    started = await startSqliteCatalogRead(env);
    app = started.app;
    expectedHeaders = securityHeadersOf((await app.inject('/api/v1/categories')).headers);
    expect(Object.keys(expectedHeaders)).toHaveLength(HELMET_HEADER_NAMES.length);
  });
  afterAll(() => started?.close());

  /** problem+json with `status`, the security headers of every other response, and a request id. */
  function expectProblem(answer: Answer & { statusCode?: number; status?: number }, status: number) {
    expect(answer.statusCode ?? answer.status, answer.body).toBe(status);
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(securityHeadersOf(answer.headers)).toEqual(expectedHeaders);
    expect(JSON.parse(answer.body)).toMatchObject({ status, detail: expect.any(String) });
    return JSON.parse(answer.body) as { detail: string };
  }

  it('/api/v1/products/%zz (FST_ERR_BAD_URL) is a 400 problem with a request id', async () => {
    const response = await app.inject({
      url: '/api/v1/products/%zz',
      headers: { 'x-request-id': 'bad-url-1' },
    });
    expect(expectProblem(response, 400).detail).toMatch(/not a valid URL/);
    expect(response.headers['x-request-id']).toBe('bad-url-1');
  });

  it('an over-long id is a 414 problem', async () => {
    expectProblem(await app.inject(`/api/v1/products/${'9'.repeat(200)}`), 414);
  });

  it('an OPTIONS request without preflight headers is a problem', async () => {
    for (const url of ['/api/v1/products', '/api/v1/products/1', '/nowhere']) {
      const response = await app.inject({ method: 'OPTIONS', url, headers: { 'x-request-id': 'options-1' } });
      expectProblem(response, env.CORS_ORIGINS ? 400 : 404);
      expect(response.headers['x-request-id']).toBe('options-1');
    }
  });

  it('a method the API does not have, or a path it does not have, is a 404 problem', async () => {
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/v1/products/1' }), 404);
    expectProblem(
      await app.inject({ method: 'POST', url: '/api/v1/products', payload: {}, headers: {} }),
      404,
    );
    expectProblem(await app.inject('/api/v2'), 404);
  });

  it('over a socket: 431, an over-long URL and a raw invalid byte are problems with the same headers', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const huge = `GET /api/v1/products HTTP/1.1\r\nHost: x\r\nCookie: ${'c'.repeat(20_000)}\r\n\r\n`;
    expectProblem(await sendRawRequest(port, huge), 431);
    const longUrl = `GET /api/v1/products?q=${'q'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`;
    expectProblem(await sendRawRequest(port, longUrl), 414);
    const rawByte = Buffer.from('GET /api/v1/products/\xe91 HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1');
    expectProblem(await sendRawRequest(port, rawByte), 400);
  });
});
