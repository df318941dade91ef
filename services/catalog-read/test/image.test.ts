import { existsSync } from 'node:fs';
import {
  buildServiceImage,
  eventually,
  type ImageProcess,
  type ImageTree,
  mysqlSuiteGate,
  SERVICE_IMAGE_BUILD_TIMEOUT_MS,
  type ServiceImage,
  serviceImageProblems,
  startImage,
} from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogPair, startCatalogPair } from './support/resilience/helpers.js';

const gate = await mysqlSuiteGate();

// The Dockerfile built as a directory tree and its CMD run with this machine's node (no container engine
// here): what is checked is what the Dockerfile puts in the image and how the service starts from it.
describe('catalog-read image (its Dockerfile, built without a container engine)', () => {
  let built: ServiceImage | undefined;
  let image: ImageTree;

  beforeAll(async () => {
    built = await buildServiceImage('catalog-read');
    image = built.image;
  }, SERVICE_IMAGE_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await built?.remove();
  });

  it('holds the compiled service and what it runs on, and no sources, tests or build and test tools', () => {
    expect(serviceImageProblems(image, 'catalog-read')).toEqual([]);
    expect(existsSync(image.hostPath('/app/node_modules/fastify/package.json'))).toBe(true);
  });

  it('runs as a non-root user, listens on all interfaces, and exposes the ports it listens on', () => {
    expect(image.user).toBe('node');
    expect(image.env).toMatchObject({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      METRICS_PORT: '9464',
    });
    expect([...image.exposedPorts].sort()).toEqual(
      [Number(image.env.PORT), Number(image.env.METRICS_PORT)].sort(),
    );
  });

  describe.skipIf(!gate.run)(gate.title('started from the image'), () => {
    let fixture: CatalogPair | undefined;
    let service: ImageProcess | undefined;

    beforeAll(async () => {
      fixture = await startCatalogPair();
    });
    afterAll(async () => {
      await service?.kill();
      await fixture?.stop();
    });

    it('serves the catalog from the replica as an unprivileged user, and stops on SIGTERM with exit 0', async () => {
      const { pair } = fixture!;
      service = startImage(image, {
        // Free ports on this machine instead of the image's fixed ones; loopback only.
        PORT: '0',
        METRICS_PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: pair.replicaUrl,
        FALLBACK_DATABASE_URL: pair.primaryUrl,
        PUBLIC_ASSET_BASE_URL: 'http://shop.test',
      });
      // Root here stands in for the container runtime; without it the user cannot be switched.
      if (process.env.CI === 'true') expect(service.asImageUser).toBe(true);
      const listening = await service.waitForLine((line) => line.msg === 'listening');
      const base = `http://127.0.0.1:${listening.port}`;

      await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 20_000);
      const response = await fetch(`${base}/api/v1/products?limit=3`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: { image_url: string | null }[]; total: number };
      expect(body.items).toHaveLength(3);
      expect(body.total).toBeGreaterThan(3);
      const metrics = await (await fetch(`http://127.0.0.1:${listening.metricsPort}/metrics`)).text();
      expect(metrics).toContain('http_server_request_duration_seconds_count');

      expect(await service.stop(), service.stderr()).toEqual({ code: 0, signal: null });
      // Nothing went wrong on the way: no error line, nothing on stderr (a denied write would show).
      expect(service.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
      expect(service.stderr()).toBe('');
    });
  });
});
