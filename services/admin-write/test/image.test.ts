import { existsSync } from 'node:fs';
import {
  buildServiceImage,
  eventually,
  type ImageProcess,
  type ImageTree,
  mysqlSuiteGate,
  type ReplicaPair,
  SERVICE_IMAGE_BUILD_TIMEOUT_MS,
  type ServiceImage,
  serviceImageProblems,
  startImage,
  startMysqlReplicaPair,
} from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKENS, OWNER_TOKEN, prepareDatabase } from './support/api/harness.js';

const gate = await mysqlSuiteGate();

// The Dockerfile built as a directory tree and its CMD run with this machine's node (no container engine
// here): what is checked is what the Dockerfile puts in the image and how the service starts from it.
describe('admin-write image (its Dockerfile, built without a container engine)', () => {
  let built: ServiceImage | undefined;
  let image: ImageTree;

  beforeAll(async () => {
    built = await buildServiceImage('admin-write');
    image = built.image;
  }, SERVICE_IMAGE_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await built?.remove();
  });

  it('holds the compiled service and what it runs on, and no sources, tests or build and test tools', () => {
    expect(serviceImageProblems(image, 'admin-write')).toEqual([]);
    expect(existsSync(image.hostPath('/app/node_modules/csv-parse/package.json'))).toBe(true);
  });

  it('runs as a non-root user, listens on all interfaces, and exposes the ports it listens on', () => {
    expect(image.user).toBe('node');
    expect(image.env).toMatchObject({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8081',
      METRICS_PORT: '9465',
    });
    expect([...image.exposedPorts].sort()).toEqual(
      [Number(image.env.PORT), Number(image.env.METRICS_PORT)].sort(),
    );
  });

  describe.skipIf(!gate.run)(gate.title('started from the image'), () => {
    let pair: ReplicaPair | undefined;
    let service: ImageProcess | undefined;

    beforeAll(async () => {
      pair = await startMysqlReplicaPair();
      await prepareDatabase(pair.primaryUrl);
    });
    afterAll(async () => {
      await service?.kill();
      await pair?.stop();
    });

    it('writes to the primary as an unprivileged user, and stops on SIGTERM with exit 0', async () => {
      service = startImage(image, {
        // Free ports on this machine instead of the image's fixed ones; loopback only.
        PORT: '0',
        METRICS_PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: pair!.primaryUrl,
        ADMIN_TOKENS,
      });
      // Root here stands in for the container runtime; without it the user cannot be switched.
      if (process.env.CI === 'true') expect(service.asImageUser).toBe(true);
      const listening = await service.waitForLine((line) => line.msg === 'listening');
      const base = `http://127.0.0.1:${listening.port}`;
      const authorization = `Bearer ${OWNER_TOKEN}`;

      await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 20_000);
      const created = await fetch(`${base}/api/admin/products`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Image test kettle', price: '24.50' }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = (await created.json()) as { id: number };
      const read = await fetch(`${base}/api/admin/products/${id}`, { headers: { authorization } });
      expect(((await read.json()) as { name: string }).name).toBe('Image test kettle');
      const metrics = await (await fetch(`http://127.0.0.1:${listening.metricsPort}/metrics`)).text();
      expect(metrics).toContain('http_server_request_duration_seconds_count');

      expect(await service.stop(), service.stderr()).toEqual({ code: 0, signal: null });
      // Nothing went wrong on the way: no error line, nothing on stderr (a denied write would show).
      expect(service.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
      expect(service.stderr()).toBe('');
    });
  });
});
