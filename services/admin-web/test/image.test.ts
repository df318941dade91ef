import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  buildServiceImage,
  eventually,
  type ImageProcess,
  type ImageTree,
  SERVICE_IMAGE_BUILD_TIMEOUT_MS,
  type ServiceImage,
  serviceImageProblems,
  startImage,
} from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminWrite,
  closeAll,
  prepareSqlite,
  startAdminWrite,
} from '../../admin-write/test/support/api/harness.js';
import { adminWebEnv, OWNER_PASSWORD, OWNER_TOKEN, untilAnswering } from './support/stack.js';
import { inputValue } from './support/visitor.js';

// The Dockerfile built as a directory tree and its CMD run with this machine's node (no container engine
// here): what is checked is what the Dockerfile puts in the image and how the service starts from it.
describe('admin-web image (its Dockerfile, built without a container engine)', () => {
  let built: ServiceImage | undefined;
  let image: ImageTree;

  beforeAll(async () => {
    built = await buildServiceImage('admin-web');
    image = built.image;
  }, SERVICE_IMAGE_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await built?.remove();
  });

  it('holds the compiled service and what it runs on, and no sources, tests or build and test tools', () => {
    expect(serviceImageProblems(image, 'admin-web')).toEqual([]);
    // The session cookie's sealing runs on sodium-native's prebuilt binary, installed without scripts.
    expect(readdirSync(image.hostPath('/app/node_modules/sodium-native/prebuilds'))).toContain('linux-x64');
    for (const tool of ['playwright-core', 'axe-core']) {
      expect(existsSync(image.hostPath(`/app/node_modules/${tool}`)), tool).toBe(false);
    }
  });

  it('runs as a non-root user, listens on all interfaces, and exposes the ports it listens on', () => {
    expect(image.user).toBe('node');
    expect(image.env).toMatchObject({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '3001',
      METRICS_PORT: '9467',
    });
    expect([...image.exposedPorts].sort()).toEqual(
      [Number(image.env.PORT), Number(image.env.METRICS_PORT)].sort(),
    );
  });

  describe('started from the image', () => {
    let sqlite: Awaited<ReturnType<typeof prepareSqlite>> | undefined;
    let adminWrite: AdminWrite | undefined;
    let service: ImageProcess | undefined;

    beforeAll(async () => {
      sqlite = await prepareSqlite('admin-web-image-');
      adminWrite = await startAdminWrite(sqlite.env);
      await adminWrite.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await service?.kill();
      await closeAll([adminWrite?.app]);
      sqlite?.remove();
    });

    it('signs the owner in and shows the catalog from admin-write, and stops on SIGTERM with exit 0', async () => {
      const apiUrl = `http://127.0.0.1:${(adminWrite!.app.server.address() as AddressInfo).port}`;
      await untilAnswering(apiUrl);
      // Free ports on this machine instead of the image's fixed ones; loopback only.
      service = startImage(image, {
        ...adminWebEnv(apiUrl),
        PORT: '0',
        METRICS_PORT: '0',
        HOST: '127.0.0.1',
      });
      // Root here stands in for the container runtime; without it the user cannot be switched.
      if (process.env.CI === 'true') expect(service.asImageUser).toBe(true);
      const listening = await service.waitForLine((line) => line.msg === 'listening');
      const base = `http://127.0.0.1:${listening.port}`;
      await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 20_000);

      const signInPage = await fetch(`${base}/sign-in`);
      const cookie = signInPage.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = inputValue(await signInPage.text(), '_csrf')!;
      const signedIn = await fetch(`${base}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, password: OWNER_PASSWORD }),
      });
      expect(signedIn.status).toBe(303);
      const session = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      const products = await fetch(`${base}/products`, { headers: { cookie: session } });
      expect(products.status).toBe(200);
      const html = await products.text();
      expect(html).toContain('You are signed in.');
      expect(html).toMatch(/\d+ products/);
      expect(html).not.toContain(OWNER_TOKEN);
      const metrics = await (await fetch(`http://127.0.0.1:${listening.metricsPort}/metrics`)).text();
      expect(metrics).toContain('mystore_admin_sign_ins_total{result="success"} 1');
      expect(metrics).toContain(
        'mystore_upstream_request_duration_seconds_count{upstream="admin-write",operation="list",outcome="200"}',
      );

      expect(await service.stop(), service.stderr()).toEqual({ code: 0, signal: null });
      // Nothing went wrong on the way: no error line, nothing on stderr.
      expect(service.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
      expect(service.stderr()).toBe('');
    });
  });
});
