import { migrateToLatest, openDatabase, seedCatalog } from '@mystore/db';
import {
  eventually,
  mysqlSuiteGate,
  OTLP_SPAN_KIND,
  pathToRoot,
  type ReplicaPair,
  type RunningService,
  startMysqlReplicaPair,
  startOtlpReceiver,
  startServiceProcess,
} from '@mystore/test-kit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const gate = await mysqlSuiteGate();

const UNDICI = '@opentelemetry/instrumentation-undici';
const MYSQL = '@opentelemetry/instrumentation-mysql2';

describe.skipIf(!gate.run)(gate.title('one storefront page view is one trace down to the database'), () => {
  let pair: ReplicaPair | undefined;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
  const services: RunningService[] = [];

  beforeAll(async () => {
    [pair, receiver] = await Promise.all([startMysqlReplicaPair(), startOtlpReceiver()]);
    const primary = await openDatabase(pair.primaryUrl);
    await migrateToLatest(primary.db as Kysely<unknown>);
    await seedCatalog(primary.db);
    await primary.close();
    await pair.waitForReplication();
    const read = await startServiceProcess('catalog-read', {
      DATABASE_URL: pair.replicaUrl,
      PUBLIC_ASSET_BASE_URL: 'http://shop.test',
      ...receiver.exporterEnv('catalog-read'),
    });
    services.push(read);
    services.push(
      await startServiceProcess('catalog-web', {
        CATALOG_API_URL: `http://127.0.0.1:${read.port}`,
        ...receiver.exporterEnv('catalog-web'),
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    receiver?.server.close();
    await pair?.stop();
  });

  it('spans catalog-web → catalog-read → MySQL under the page request, with W3C trace context between them', async () => {
    const web = services[1]!;
    // A customer's page view: no traceparent, so the trace starts at the storefront.
    const response = await fetch(`http://127.0.0.1:${web.port}/?category=Garden`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    const trace = await eventually(
      () => {
        const page = receiver!.spans.find(
          (span) =>
            span.service === 'catalog-web' && span.kind === OTLP_SPAN_KIND.server && !span.parentSpanId,
        );
        expect(page, 'the page request span').toBeDefined();
        const spans = receiver!.spans.filter((span) => span.traceId === page!.traceId);
        expect(spans.some((span) => span.service === 'catalog-read' && span.scope === MYSQL)).toBe(true);
        // catalog-read's request span ends after its queries, and may come in a later export batch.
        expect(
          spans.some((span) => span.service === 'catalog-read' && span.kind === OTLP_SPAN_KIND.server),
        ).toBe(true);
        return { page: page!, spans };
      },
      20_000,
      100,
    );
    const byId = new Map(trace.spans.map((span) => [span.spanId, span]));
    for (const query of trace.spans.filter((span) => span.scope === MYSQL)) {
      const path = pathToRoot(query, trace.spans);
      // Every query's ancestors end at the page request: nothing orphaned, one root.
      expect(path.at(-1)).toBe(trace.page);
      // Beneath it: catalog-read's incoming request, whose parent is the storefront's outgoing call.
      const incoming = path.find(
        (span) => span.service === 'catalog-read' && span.kind === OTLP_SPAN_KIND.server,
      )!;
      expect(incoming, `${query.name}: catalog-read's request span`).toBeDefined();
      expect(byId.get(incoming.parentSpanId ?? '')).toMatchObject({ service: 'catalog-web', scope: UNDICI });
    }
    expect(new Set(trace.spans.map((span) => span.service))).toEqual(
      new Set(['catalog-web', 'catalog-read']),
    );
  });
});
