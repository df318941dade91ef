import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry, createService, registerApi, type ServiceInstance } from '../src/index.js';
import { loggableUrl } from '../src/log-url.js';

const SECRETS = {
  bearer: 'bearer-secret-1f7c9a0e',
  cookie: 'session-cookie-9d2b7e41',
  password: 'correct horse battery 7741',
  queryToken: 'query-token-5e8a1c3d',
  queryPassword: 'query-password-0b6f2d9c',
};

/** A service with a sign-in route like the owner's console has: a form body holding a password. */
async function signInService(lines: string[]) {
  const app = await createService({
    service: 'test',
    config: { LOG_LEVEL: 'info', LOG_PRETTY: false, TRUST_PROXY: 'false' },
    registry: createMetricsRegistry(),
    readiness: () => ({ ready: true, checks: {} }),
    logger: { write: (line) => void lines.push(line) },
  });
  await registerApi(
    app,
    async (api: ServiceInstance) => {
      api.post(
        '/sign-in',
        {
          schema: {
            body: Type.Object(
              { username: Type.String({ maxLength: 50 }), password: Type.String({ minLength: 12 }) },
              { additionalProperties: false },
            ),
          },
        },
        async (request) => {
          // What a careless handler might log: the whole form.
          request.log.info({ body: request.body }, 'sign-in attempt');
          if (request.body.username === 'crash') throw new Error('session store unavailable');
          return { ok: true };
        },
      );
      api.get('/sign-in', async () => ({ form: true }));
    },
    {},
  );
  return app;
}

describe('secrets never reach the logs', () => {
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof signInService>>;
  beforeAll(async () => {
    app = await signInService(lines);
  });
  afterAll(() => app.close());

  const credentials = {
    authorization: `Bearer ${SECRETS.bearer}`,
    cookie: `sid=${SECRETS.cookie}; theme=dark`,
  };

  it('not from Authorization, cookies or a sign-in body, whether the request succeeds, is refused or fails', async () => {
    const post = (body: object) =>
      app.inject({ method: 'POST', url: '/sign-in', headers: credentials, payload: body });
    expect((await post({ username: 'owner', password: SECRETS.password })).statusCode).toBe(200);
    // Refused by validation: an unknown field beside the password.
    expect((await post({ username: 'owner', password: SECRETS.password, remember: true })).statusCode).toBe(
      400,
    );
    // Refused by validation: a password too short is still a password.
    expect((await post({ username: 'owner', password: SECRETS.password.slice(0, 11) })).statusCode).toBe(400);
    // A server error while the body is in hand.
    expect((await post({ username: 'crash', password: SECRETS.password })).statusCode).toBe(500);

    const log = lines.join('\n');
    for (const secret of [SECRETS.bearer, SECRETS.cookie, SECRETS.password, SECRETS.password.slice(0, 11)]) {
      expect(log).not.toContain(secret);
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // The handler's own line kept the username and lost the password.
    expect(entries.find((entry) => entry.msg === 'sign-in attempt')).toMatchObject({
      body: { username: 'owner', password: '[redacted]' },
    });
    // One request line per request, with what an on-call engineer needs.
    const requests = entries.filter((entry) => entry.msg === 'request');
    expect(requests.map((entry) => entry.statusCode)).toEqual([200, 400, 400, 500]);
    for (const entry of requests) {
      expect(entry).toMatchObject({ method: 'POST', route: '/sign-in', url: '/sign-in' });
      expect(typeof entry.durationMs).toBe('number');
      expect(typeof entry.reqId).toBe('string');
    }
    expect(entries.some((entry) => entry.msg === 'request failed')).toBe(true);
  });

  it('not from a query string: a form sent with GET, or a token in a link', async () => {
    lines.length = 0;
    const url = `/sign-in?username=owner&password=${encodeURIComponent(SECRETS.queryPassword)}&access_token=${SECRETS.queryToken}&q=teapot`;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    const log = lines.join('\n');
    expect(log).not.toContain(SECRETS.queryPassword.slice(0, 14));
    expect(log).not.toContain(SECRETS.queryToken);
    const request = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request');
    expect(request.url).toBe('/sign-in?username=owner&password=[redacted]&access_token=[redacted]&q=teapot');
  });

  it('redacts credential-like query parameters only', () => {
    expect(loggableUrl('/api/v1/products?q=tea&category=Kitchen&limit=5')).toBe(
      '/api/v1/products?q=tea&category=Kitchen&limit=5',
    );
    expect(loggableUrl('/x?api_key=1&SESSION=2&Signature=3&passwd=4&flag')).toBe(
      '/x?api_key=[redacted]&SESSION=[redacted]&Signature=[redacted]&passwd=[redacted]&flag',
    );
    expect(loggableUrl('/x?pass%77ord=1&%zz=2')).toBe('/x?pass%77ord=[redacted]&%zz=2');
  });
});
