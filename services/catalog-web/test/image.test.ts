import { existsSync } from 'node:fs';
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
  type Catalog,
  type CatalogRead,
  createCatalog,
  SHOP_URL,
  startCatalogRead,
} from './support/stack.js';

// The Dockerfile built as a directory tree and its CMD run with this machine's node (no container engine
// here): what is checked is what the Dockerfile puts in the image and how the service starts from it.
describe('catalog-web image (its Dockerfile, built without a container engine)', () => {
  let built: ServiceImage | undefined;
  let image: ImageTree;

  beforeAll(async () => {
    built = await buildServiceImage('catalog-web');
    image = built.image;
  }, SERVICE_IMAGE_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await built?.remove();
  });

  it('holds the compiled service, its public files and what it runs on, and no sources, tests or tools', () => {
    expect(serviceImageProblems(image, 'catalog-web')).toEqual([]);
    expect(existsSync(image.hostPath('/app/node_modules/preact-render-to-string/package.json'))).toBe(true);
    expect(existsSync(image.hostPath('/app/services/catalog-web/public/assets/site.css'))).toBe(true);
    expect(existsSync(image.hostPath('/app/services/catalog-web/public/images/products/kit-0001.svg'))).toBe(
      true,
    );
    // Browser-test tools stay out.
    expect(existsSync(image.hostPath('/app/node_modules/playwright-core'))).toBe(false);
    expect(existsSync(image.hostPath('/app/node_modules/axe-core'))).toBe(false);
  });

  it('runs as a non-root user, listens on all interfaces, and exposes the ports it listens on', () => {
    expect(image.user).toBe('node');
    expect(image.env).toMatchObject({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '3000',
      METRICS_PORT: '9466',
    });
    expect([...image.exposedPorts].sort()).toEqual(
      [Number(image.env.PORT), Number(image.env.METRICS_PORT)].sort(),
    );
  });

  describe('started from the image', () => {
    let catalog: Catalog | undefined;
    let read: CatalogRead | undefined;
    let service: ImageProcess | undefined;

    beforeAll(async () => {
      catalog = await createCatalog();
      read = await startCatalogRead(catalog);
    });
    afterAll(async () => {
      await service?.kill();
      await read?.app.close();
      await catalog?.remove();
    });

    it('serves pages from catalog-read as an unprivileged user, and stops on SIGTERM with exit 0', async () => {
      service = startImage(image, {
        // Free ports on this machine instead of the image's fixed ones; loopback only.
        PORT: '0',
        METRICS_PORT: '0',
        HOST: '127.0.0.1',
        CATALOG_API_URL: read!.url,
        PUBLIC_BASE_URL: SHOP_URL,
      });
      // Root here stands in for the container runtime; without it the user cannot be switched.
      if (process.env.CI === 'true') expect(service.asImageUser).toBe(true);
      const listening = await service.waitForLine((line) => line.msg === 'listening');
      const base = `http://127.0.0.1:${listening.port}`;

      await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 20_000);
      const home = await fetch(`${base}/?category=Kitchen`);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('<h1 id="results-heading">Kitchen</h1>');
      const stylesheet = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(html)?.[1];
      expect((await fetch(`${base}${stylesheet}`)).status).toBe(200);
      expect((await fetch(`${base}/images/products/kit-0001.svg`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${listening.metricsPort}/metrics`)).text();
      expect(metrics).toContain('http_server_request_duration_seconds_count');
      expect(metrics).toContain('mystore_upstream_request_duration_seconds_count{upstream="catalog-read"');

      expect(await service.stop(), service.stderr()).toEqual({ code: 0, signal: null });
      // Nothing went wrong on the way: no error line, nothing on stderr (a denied write would show).
      expect(service.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
      expect(service.stderr()).toBe('');
    });
  });
});
