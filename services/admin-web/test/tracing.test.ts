import { migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import {
  eventually,
  mysqlSuiteGate,
  OTLP_SPAN_KIND,
  pathToRoot,
  type ReceivedSpan,
  type ReplicaPair,
  type RunningService,
  startMysqlReplicaPair,
  startOtlpReceiver,
  startServiceProcess,
} from '@mystore/test-kit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKENS } from '../../admin-write/test/support/api/harness.js';
import { adminWebEnv, OWNER_PASSWORD, OWNER_TOKEN, SESSION_SECRET } from './support/stack.js';
import { inputValue } from './support/visitor.js';

const gate = await mysqlSuiteGate();

const UNDICI = '@opentelemetry/instrumentation-undici';
const MYSQL = '@opentelemetry/instrumentation-mysql2';

/** The string attributes of a span, by key. */
const attributesOf = (span: ReceivedSpan) =>
  new Map((span.attributes ?? []).map(({ key, value }) => [key, String(Object.values(value)[0])]));

/**
 * An owner's browser over real HTTP: keeps the session cookie, posts forms urlencoded with the CSRF
 * token of the last page, and does not follow redirects (the next page is asked for, as a browser would).
 */
class Browser {
  readonly cookies = new Map<string, string>();
  lastPage = '';
  constructor(private readonly baseUrl: string) {}

  async send(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams({ _csrf: inputValue(this.lastPage, '_csrf')!, ...form }) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      this.cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const body = await response.text();
    if (response.headers.get('content-type')?.startsWith('text/html')) this.lastPage = body;
    return response;
  }
}

describe.skipIf(!gate.run)(
  gate.title('one change in the owner’s console is one trace down to the database'),
  () => {
    let pair: ReplicaPair | undefined;
    let receiver: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
    const services: RunningService[] = [];

    beforeAll(async () => {
      [pair, receiver] = await Promise.all([startMysqlReplicaPair(), startOtlpReceiver()]);
      const primary = await openDatabase(pair.primaryUrl);
      await migrateToLatest(primary.db as Kysely<unknown>);
      await seedCatalog(primary.db);
      await primary.close();
      const write = await startServiceProcess('admin-write', {
        DATABASE_URL: pair.primaryUrl,
        ADMIN_TOKENS,
        ...receiver.exporterEnv('admin-write'),
      });
      services.push(write);
      services.push(
        await startServiceProcess('admin-web', {
          ...adminWebEnv(`http://127.0.0.1:${write.port}`),
          ...receiver.exporterEnv('admin-web'),
        }),
      );
    });
    afterAll(async () => {
      await Promise.all(services.map((service) => service.stop()));
      receiver?.server.close();
      await pair?.stop();
    });

    it('spans admin-web → admin-write → MySQL under the owner’s request, and no span holds a secret', async () => {
      const [write, web] = services as [RunningService, RunningService];
      const products = await fetch(`http://127.0.0.1:${write.port}/api/admin/products?limit=1`, {
        headers: { authorization: `Bearer ${OWNER_TOKEN}` },
      });
      expect(products.status).toBe(200);
      const { id } = ((await products.json()) as { items: { id: number }[] }).items[0]!;

      const owner = new Browser(`http://127.0.0.1:${web.port}`);
      expect((await owner.send('GET', '/sign-in')).status).toBe(200);
      expect((await owner.send('POST', '/sign-in', { password: OWNER_PASSWORD })).status).toBe(303);
      expect((await owner.send('GET', `/products/${id}`)).status).toBe(200);
      const key = inputValue(owner.lastPage, 'idempotency_key')!;
      const stockPath = `/products/${id}/stock`;
      const added = await owner.send('POST', stockPath, { idempotency_key: key, delta: '2' });
      expect(added.status).toBe(303);

      const trace = await eventually(
        () => {
          // The owner's request: admin-web's incoming span for the stock form, the root of its trace.
          const action = receiver!.spans.find(
            (span) =>
              span.service === 'admin-web' &&
              span.kind === OTLP_SPAN_KIND.server &&
              !span.parentSpanId &&
              [...attributesOf(span).values()].some((value) => value.startsWith(stockPath)),
          );
          expect(action, 'the stock form request span').toBeDefined();
          const spans = receiver!.spans.filter((span) => span.traceId === action!.traceId);
          expect(spans.some((span) => span.service === 'admin-write' && span.scope === MYSQL)).toBe(true);
          // Every span of the trace, queries included, leads up to the owner's request: no orphan, one
          // root. (Each process exports on its own, so this waits for the spans still on their way.)
          for (const span of spans) expect(pathToRoot(span, spans).at(-1), span.name).toBe(action);
          return { action: action!, spans };
        },
        20_000,
        100,
      );
      const byId = new Map(trace.spans.map((span) => [span.spanId, span]));
      const queries = trace.spans.filter((span) => span.scope === MYSQL);
      expect(queries.length).toBeGreaterThan(0);
      for (const query of queries) {
        expect(query.service).toBe('admin-write');
        // Beneath admin-write's incoming request, whose parent is admin-web's call (W3C traceparent).
        const incoming = pathToRoot(query, trace.spans).find(
          (span) => span.service === 'admin-write' && span.kind === OTLP_SPAN_KIND.server,
        );
        expect(incoming, `${query.name}: admin-write's request span`).toBeDefined();
        expect(byId.get(incoming!.parentSpanId ?? '')).toMatchObject({ service: 'admin-web', scope: UNDICI });
      }
      expect(new Set(trace.spans.map((span) => span.service))).toEqual(new Set(['admin-web', 'admin-write']));

      // The sign-in and the change are traced (their spans are here), but no secret is in any of them.
      const sent = JSON.stringify(receiver!.spans);
      expect(receiver!.spans.some((span) => [...attributesOf(span).values()].includes('/sign-in'))).toBe(
        true,
      );
      for (const secret of [
        OWNER_TOKEN,
        OWNER_PASSWORD,
        encodeURIComponent(OWNER_PASSWORD),
        new URLSearchParams({ p: OWNER_PASSWORD }).toString().slice(2),
        SESSION_SECRET,
        ...owner.cookies.values(),
      ]) {
        expect(sent).not.toContain(secret);
      }
    });
  },
);
