import type { AddressInfo } from 'node:net';
import { eventually, type RawResponse, sendRawRequest } from '@mystore/test-kit';
import type { LightMyRequestResponse } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry, createService, registerApi, type ServiceInstance } from '../src/index.js';
import { PLAIN_REQUEST_ID } from '../src/request-id.js';
import { staticSecurityHeaders } from '../src/security-headers.js';

const config = { LOG_LEVEL: 'info', LOG_PRETTY: false, TRUST_PROXY: 'false' };
const SECURITY_HEADERS = staticSecurityHeaders();

type Answer = Pick<LightMyRequestResponse, 'statusCode' | 'headers' | 'body'> | RawResponse;

/** A problem+json answer with `status` and helmet's headers (and a request id, where a request exists). */
function expectProblem(answer: Answer, status: number, options: { requestId?: boolean } = {}) {
  const code = 'status' in answer ? answer.status : answer.statusCode;
  expect(code, answer.body).toBe(status);
  expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(answer.headers[name], name).toBe(value);
  if (options.requestId !== false) expect(answer.headers['x-request-id']).toMatch(PLAIN_REQUEST_ID);
  const problem = JSON.parse(answer.body);
  expect(problem).toMatchObject({ type: 'about:blank', status, detail: expect.any(String) });
  return problem as { detail: string; title: string };
}

/**
 * A plugin (like @fastify/cors) that answers a bad OPTIONS request from its own hook, as text, and an
 * OPTIONS route for every path.
 */
const textPreflight = fp(async (app) => {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'OPTIONS' && !request.headers['access-control-request-method']) {
      reply.status(400).type('text/plain').send('Invalid Preflight Request');
      return;
    }
    done();
  });
  app.options('*', { schema: { hide: true } }, (_request, reply) => reply.code(204).send());
});

async function buildService(withPreflight: boolean) {
  const app = await createService({
    service: 'test',
    config,
    registry: createMetricsRegistry(),
    readiness: () => ({ ready: true, checks: {} }),
    logger: false,
  });
  if (withPreflight) await app.register(textPreflight);
  await registerApi(
    app,
    async (api: ServiceInstance) => {
      api.get(
        '/items/:id',
        { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
        async (request) => ({ id: request.params.id }),
      );
      api.post(
        '/items',
        { schema: { body: Type.Object({ name: Type.String() }) } },
        async (request) => request.body,
      );
    },
    {},
    // Load shedding is not under test: a busy machine must not turn these answers into 503s.
    { maxEventLoopDelayMs: 60_000 },
  );
  return app;
}

describe('errors answered before a route runs', () => {
  let app: Awaited<ReturnType<typeof buildService>>;
  let port: number;
  beforeAll(async () => {
    app = await buildService(false);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app?.close());

  it('a bad percent-escape in the path (FST_ERR_BAD_URL) is a 400 problem', async () => {
    for (const url of ['/items/%zz', '/items/%ff', '/items/%']) {
      const problem = expectProblem(await app.inject(url), 400);
      expect(problem.detail, url).toMatch(/not a valid URL/);
    }
  });

  it('an over-long id (FST_ERR_MAX_PARAM_LENGTH) is a 414 problem', async () => {
    const problem = expectProblem(await app.inject(`/items/${'1'.repeat(101)}`), 414);
    expect(problem.detail).toBe('A part of the path is longer than 100 characters.');
  });

  it("Fastify's 404 for an unknown path or method, and an OPTIONS request, are problems", async () => {
    expectProblem(await app.inject('/nowhere'), 404);
    expectProblem(await app.inject({ method: 'DELETE', url: '/items/1' }), 404);
    expectProblem(await app.inject({ method: 'OPTIONS', url: '/items/1' }), 404);
  });

  it('bad JSON, a body too large and an unsupported media type are problems; a 415 names what is accepted', async () => {
    const post = (payload: string, contentType: string) =>
      app.inject({ method: 'POST', url: '/items', payload, headers: { 'content-type': contentType } });
    expectProblem(await post('{', 'application/json'), 400);
    const large = expectProblem(
      await post(JSON.stringify({ name: 'x'.repeat(70_000) }), 'application/json'),
      413,
    );
    expect(large.detail).toMatch(/65536 bytes/);
    const unsupported = expectProblem(await post('<name/>', 'application/xml'), 415);
    expect(unsupported.detail).toBe(
      "The body's media type application/xml is not accepted here: send application/json.",
    );
  });

  // Requests Node's HTTP parser refuses: no client sends them, so they go over a raw socket.
  it('headers over the limit are a 431 problem', async () => {
    const response = await sendRawRequest(
      port,
      `GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expectProblem(response, 431, { requestId: false });
    expect(response.headers.connection).toBe('close');
  });

  it('a URL over the limit is a 414 problem', async () => {
    const response = await sendRawRequest(
      port,
      `GET /items/1?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(expectProblem(response, 414, { requestId: false }).detail).toMatch(/URL is longer/);
  });

  it('a raw invalid byte in the path, or a request that is not HTTP, is a 400 problem', async () => {
    for (const byte of ['\x01', '\x7f', '\xff', ' ']) {
      const request = Buffer.from(`GET /items/1${byte}2 HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1');
      expectProblem(await sendRawRequest(port, request), 400, { requestId: false });
    }
    expectProblem(await sendRawRequest(port, 'BREW /items/1 HTTP/1.1\r\nHost: x\r\n\r\n'), 400, {
      requestId: false,
    });
  });

  it('the server keeps serving after each of them', async () => {
    // Retried while load shedding answers 503 (a busy machine stalls the loop for a whole sample).
    await eventually(async () => {
      const response = await sendRawRequest(
        port,
        'GET /items/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ id: 7 });
    });
  });
});

describe('a plugin that answers OPTIONS errors as text', () => {
  it('its errors leave as problems; its successes are untouched', async () => {
    const app = await buildService(true);
    const problem = expectProblem(await app.inject({ method: 'OPTIONS', url: '/items/1' }), 400);
    expect(problem.detail).toMatch(/Origin and Access-Control-Request-Method/);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/items/1',
      headers: { origin: 'https://shop.test', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.body).toBe('');
    await app.close();
  });
});
