import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { eventually } from '@mystore/test-kit';
import fc from 'fast-check';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  commonConfigSchema,
  createMetricsRegistry,
  createService,
  HttpProblem,
  loadConfig,
  registerApi,
  type ServiceInstance,
  type ServiceOptions,
  startMetricsServer,
} from '../src/index.js';
import { tracingConfigured } from '../src/tracing-config.js';

const config = { LOG_LEVEL: 'info', LOG_PRETTY: false, TRUST_PROXY: 'false' };
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** A request id the kernel made (randomUUID). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A service that is always ready and logs nothing, unless `options` say otherwise. */
function quietService(options: Partial<ServiceOptions> = {}) {
  return createService({
    service: 'test',
    config,
    registry: createMetricsRegistry(),
    readiness: () => ({ ready: true, checks: {} }),
    logger: false,
    ...options,
  });
}

async function buildTestService(options: { ready?: boolean; lines?: string[] } = {}) {
  const registry = createMetricsRegistry();
  const lines = options.lines ?? [];
  const app = await createService({
    service: 'test',
    config,
    registry,
    readiness: () => ({
      ready: options.ready ?? true,
      checks: { database: options.ready === false ? 'down' : 'ok' },
    }),
    logger: { write: (line) => void lines.push(line) },
  });
  await registerApi(
    app,
    async (api: ServiceInstance) => {
      api.get(
        '/items/:id',
        {
          schema: {
            params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
            querystring: Type.Object(
              { limit: Type.Optional(Type.Integer({ maximum: 10 })) },
              { additionalProperties: false },
            ),
          },
        },
        async (request) => ({ id: request.params.id }),
      );
      api.get('/echo-headers', async (request) => {
        const { authorization } = request.headers;
        request.log.info({ authorization, password: 'pw-123', user: { token: 'tok-456' } }, 'echo');
        request.log.child({ step: 'nested' }).info({ password: 'pw-789' }, 'nested echo');
        return {};
      });
      api.get('/boom', async () => {
        throw new Error("SELECT * FROM secrets WHERE password = 'hunter2'");
      });
      api.get('/teapot', async () => {
        throw new HttpProblem(418, 'short and stout', { headers: { 'retry-after': '3' } });
      });
    },
    {},
  );
  return { app, registry, lines };
}

describe('loadConfig', () => {
  it('coerces, applies defaults and freezes', () => {
    const loaded = loadConfig(commonConfigSchema, { PORT: '8080', METRICS_PORT: '9464' });
    expect(loaded).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: 10000,
    });
    expect(Object.isFrozen(loaded)).toBe(true);
  });

  it('names every bad or missing variable and never echoes values', () => {
    const attempt = () =>
      loadConfig(
        { ...commonConfigSchema, ADMIN_TOKENS: Type.String({ minLength: 16 }) },
        { PORT: '70000', METRICS_PORT: 'abc', LOG_LEVEL: 'loud', ADMIN_TOKENS: 'short-secret' },
      );
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'METRICS_PORT', 'LOG_LEVEL', 'ADMIN_TOKENS'])
        expect(message).toContain(name);
      expect(message).not.toContain('short-secret');
    }
    expect(() => loadConfig(commonConfigSchema, { METRICS_PORT: '1' })).toThrow(/PORT is required/);
  });
});

describe('createService', () => {
  it('answers invalid parameters with 400 problem+json naming them', async () => {
    const { app } = await buildTestService();
    const response = await app.inject('/items/0?limit=99');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(body.detail).toMatch(/id/);
    // Numbers in text must be plain decimals: ajv alone would read these as 1000, 16 and 5.
    for (const [url, name] of [
      ['/items/1e3', 'id'],
      ['/items/0x10', 'id'],
      ['/items/%205', 'id'],
      ['/items/1?limit=1e1', 'limit'],
    ] as const) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors.map((error: { name: string }) => error.name)).toEqual([name]);
    }
    expect((await app.inject('/items/7?limit=-3')).json()).toEqual({ id: 7 });
    const unknown = await app.inject('/items/1?colour=red');
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().errors)).toContain('colour');
    await app.close();
  });

  it("with unknownQueryParameters 'ignore', drops query parameters the schema does not name, nothing else", async () => {
    const app = await quietService({ unknownQueryParameters: 'ignore' });
    app.get(
      '/items/:id',
      {
        schema: {
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ maximum: 10 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => ({ params: request.params, query: request.query }),
    );
    const tracked = await app.inject('/items/4?utm_source=mail&limit=3&gclid=abc');
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toEqual({ params: { id: 4 }, query: { limit: 3 } });
    // Known parameters are still validated, plain decimals only.
    for (const url of ['/items/4?limit=99&utm_source=mail', '/items/4?limit=1e1', '/items/0?utm_source=x']) {
      expect((await app.inject(url)).statusCode, url).toBe(400);
    }
    await app.close();
  });

  it('logs one line per request', async () => {
    const { app, lines } = await buildTestService();
    await app.inject('/items/3?limit=2');
    const requestLines = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      method: 'GET',
      route: '/items/:id',
      url: '/items/3?limit=2',
      statusCode: 200,
    });
    expect(lines).toHaveLength(1);
    // It has the shape of the logger's other lines.
    const request = requestLines[0];
    app.log.info({ reqId: 'r' }, 'from pino');
    const pinoLine = JSON.parse(lines[1] as string);
    expect(Object.keys(request).slice(0, 3)).toEqual(Object.keys(pinoLine).slice(0, 3));
    expect(Object.keys(request).at(-1)).toBe(Object.keys(pinoLine).at(-1));
    expect(request).toMatchObject({ level: pinoLine.level, service: 'test', msg: 'request' });
    expect(Math.abs(request.time - pinoLine.time)).toBeLessThan(5000);
    expect(request.reqId).toMatch(UUID);
    expect(request.remoteAddress).toBe('127.0.0.1');
    expect(request.durationMs).toBeGreaterThanOrEqual(0);
    // Strings are escaped as JSON: a hostile URL stays inside its field.
    await app.inject('/items/3?limit=%22%7D%0A%22');
    expect(JSON.parse(lines[2] as string).url).toBe('/items/3?limit=%22%7D%0A%22');
    await app.inject({ url: '/items/3', headers: { 'x-request-id': 'a"b' } });
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[3] as string).reqId).toMatch(UUID);
    // A backslash reaches the line as it is (quotes come percent-encoded), and so does the address
    // behind a proxy (next test).
    const quoted = '/items/3?limit=}\\';
    await app.inject(quoted);
    expect(JSON.parse(lines[4] as string).url).toBe(quoted);
    expect(lines).toHaveLength(5);
    // The level is read per request.
    app.log.level = 'warn';
    await app.inject('/items/3');
    expect(lines).toHaveLength(5);
    await app.close();
  });

  it('escapes a forwarded address that is not one, behind a trusted proxy', async () => {
    const lines: string[] = [];
    const app = await quietService({
      config: { ...config, TRUST_PROXY: 'true' },
      logger: { write: (line) => void lines.push(line) },
    });
    app.get('/', async () => ({}));
    const forwarded = '203.0.113.9"}\n{"level":60';
    await app.inject({ url: '/', headers: { 'x-forwarded-for': forwarded } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ remoteAddress: forwarded, msg: 'request' });
    await app.close();
  });

  it('writes each request line as one JSON line, whatever URL and forwarded address a client sends', async () => {
    const lines: string[] = [];
    const app = await quietService({
      config: { ...config, TRUST_PROXY: 'true' },
      logger: { write: (line) => void lines.push(line) },
    });
    app.get('/', async (request) => ({ url: request.url }));
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    // One address: proxy-addr splits the header at commas and trims spaces.
    const address = text.filter((value) => value !== '' && !value.includes(',') && value.trim() === value);
    await fc.assert(
      fc.asyncProperty(text, address, async (query, forwarded) => {
        lines.length = 0;
        const response = await app.inject({ url: `/?q=${query}`, headers: { 'x-forwarded-for': forwarded } });
        expect(lines).toHaveLength(1);
        const line = lines[0] as string;
        expect(line.indexOf('\n')).toBe(line.length - 1);
        expect(JSON.parse(line)).toMatchObject({
          msg: 'request',
          url: response.json().url,
          remoteAddress: forwarded,
          statusCode: 200,
        });
      }),
      { numRuns: RUNS },
    );
    await app.close();
  });

  it('hides server errors behind a generic 500 and logs them', async () => {
    const { app, lines } = await buildTestService();
    const response = await app.inject('/boom');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/SELECT|hunter2|at /);
    expect(lines.join('\n')).toContain('request failed');
    await app.close();
  });

  it('turns HttpProblem into its status with headers; unknown routes are 404 problems', async () => {
    const { app } = await buildTestService();
    const teapot = await app.inject('/teapot');
    expect(teapot.statusCode).toBe(418);
    expect(teapot.headers['retry-after']).toBe('3');
    expect(teapot.json().detail).toBe('short and stout');
    const missing = await app.inject('/nowhere');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    await app.close();
  });

  it('sets security headers and request ids, keeping a plain incoming id', async () => {
    const { app } = await buildTestService();
    const response = await app.inject({ url: '/items/1', headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers['x-request-id']).toBe('abc-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const hostile = await app.inject({ url: '/items/1', headers: { 'x-request-id': '<script>'.repeat(20) } });
    expect(hostile.headers['x-request-id']).toMatch(UUID);
    await app.close();
  });

  it('redacts credentials from logs', async () => {
    const { app, lines } = await buildTestService();
    await app.inject({
      url: '/echo-headers',
      headers: { authorization: 'Bearer top-secret-token', cookie: 'sid=abc' },
    });
    const log = lines.join('\n');
    // request.log is bound to the request id.
    const echo = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'echo');
    expect(echo.reqId).toMatch(UUID);
    // Its children keep its bindings.
    const nested = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'nested echo');
    expect(nested).toMatchObject({ reqId: echo.reqId, step: 'nested', password: '[redacted]' });
    expect(log).toContain('[redacted]');
    expect(log).not.toContain('pw-123');
    expect(log).not.toContain('pw-789');
    expect(log).not.toContain('tok-456');
    expect(log).not.toContain('top-secret-token');
    expect(log).not.toContain('sid=abc');
    await app.close();
  });

  it('sheds API requests with 503 + Retry-After while the event loop lags, never health checks', async () => {
    const app = await quietService();
    await registerApi(
      app,
      async (api: ServiceInstance) => {
        api.get('/work', async () => ({ done: true }));
      },
      {},
      { maxEventLoopDelayMs: 20, retryAfterSeconds: 7, sampleIntervalMs: 50 },
    );
    await app.ready();
    expect((await app.inject('/work')).statusCode).toBe(200);
    const blockUntil = Date.now() + 600;
    while (Date.now() < blockUntil) {
      // a stalled event loop
    }
    // The stall is measured by under-pressure's sampling timer, which fell due during it and so runs
    // before this one.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const shed = await app.inject('/work');
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('7');
    expect(shed.headers['content-type']).toMatch(/problem\+json/);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await eventually(async () => expect((await app.inject('/work')).statusCode).toBe(200));
    await app.close();
  });

  it('reports health, readiness and draining', async () => {
    const ready = await buildTestService();
    expect((await ready.app.inject('/healthz')).statusCode).toBe(200);
    expect((await ready.app.inject('/readyz')).statusCode).toBe(200);
    // Probes write no request line.
    expect(ready.lines).toEqual([]);
    expect((await ready.app.inject('/readyz')).json()).toEqual({
      status: 'ready',
      checks: { database: 'ok' },
    });
    ready.app.lifecycle.draining = true;
    expect((await ready.app.inject('/readyz')).statusCode).toBe(503);
    await ready.app.close();
    const notReady = await buildTestService({ ready: false });
    const response = await notReady.app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json().checks).toEqual({ database: 'down' });
    expect((await notReady.app.inject('/healthz')).statusCode).toBe(200);
    await notReady.app.close();
  });

  it('exports request metrics by route pattern on the metrics port, valid for promtool', async () => {
    const { app, registry } = await buildTestService();
    await app.inject('/items/7');
    await app.inject('/items/8');
    await app.inject('/items/0');
    const metrics = await startMetricsServer(registry, 0, '127.0.0.1');
    const text = await (await fetch(`http://127.0.0.1:${metrics.port}/metrics`)).text();
    await metrics.close();
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="\/items\/:id",status_code="200"\} 2/,
    );
    expect(text).toMatch(/route="\/items\/:id",status_code="400"\} 1/);
    // Buckets are cumulative and end with +Inf = count.
    const buckets = [
      ...text.matchAll(
        /^http_server_request_duration_seconds_bucket\{le="([^"]+)",method="GET",route="\/items\/:id",status_code="200"\} (\d+)$/gm,
      ),
    ];
    expect(buckets.map((match) => match[1])).toEqual([
      ...[
        '0.0005',
        '0.001',
        '0.0025',
        '0.005',
        '0.01',
        '0.025',
        '0.05',
        '0.1',
        '0.25',
        '0.5',
        '1',
        '2.5',
        '5',
      ],
      '+Inf',
    ]);
    const counts = buckets.map((match) => Number(match[2]));
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    expect(counts.at(-1)).toBe(2);
    expect(text).toMatch(
      /^http_server_request_duration_seconds_sum\{method="GET",route="\/items\/:id",status_code="200"\} 0\.\d+/m,
    );
    expect(text).not.toContain('/items/7');
    expect(text).toContain('process_cpu_user_seconds_total');
    const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((path) => existsSync(path));
    if (!promtool && process.env.CI === 'true')
      throw new Error('promtool is missing (Debian package prometheus)');
    if (promtool) {
      // prom-client's own nodejs_active_*_total gauges break a naming rule; everything else must pass.
      const ours = text
        .split('\n')
        .filter((line) => !/nodejs_active_\w+_total/.test(line))
        .join('\n');
      execFileSync(promtool, ['check', 'metrics'], { input: ours });
    }
    await app.close();
  });
});

describe('security headers', () => {
  it('sets the same headers as helmet run per request', async () => {
    const build = (securityHeaders: 'static' | 'per-request') => quietService({ securityHeaders });
    const [fixed, dynamic] = await Promise.all([build('static'), build('per-request')]);
    const pick = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(headers).filter(
          ([name]) => !['date', 'x-request-id', 'content-length'].includes(name),
        ),
      );
    const a = await fixed.inject('/healthz');
    const b = await dynamic.inject('/healthz');
    expect(pick(a.headers)).toEqual(pick(b.headers));
    // The default is the JSON API policy: nothing may load, nothing may frame.
    expect(a.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    await Promise.all([fixed.close(), dynamic.close()]);
  });

  it("uses a service's own helmet options instead of the JSON API policy", async () => {
    const app = await quietService({
      helmet: { contentSecurityPolicy: { directives: { imgSrc: ["'self'", 'https://images.example'] } } },
    });
    const response = await app.inject('/healthz');
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("img-src 'self' https://images.example");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    await app.close();
  });
});

describe('tracingConfigured', () => {
  it('is on only when OTEL_* names a trace exporter or an OTLP endpoint', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_SERVICE_NAME: 'catalog-read' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(
      tracingConfigured({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }),
    ).toBe(false);
    expect(tracingConfigured({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
  });
});
