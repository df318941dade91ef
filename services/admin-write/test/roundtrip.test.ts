import { buildCatalogRead } from '@mystore/catalog-read/app';
import { loadCatalogReadConfig } from '@mystore/catalog-read/config';
import { mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '@mystore/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminProduct } from './support/api/contract.js';
import {
  type AdminWrite,
  call,
  closeAll,
  eventually,
  inject,
  prepareDatabase,
  startAdminWrite,
  uniqueName,
} from './support/api/harness.js';

const gate = await mysqlSuiteGate();
const ADMIN = '/api/admin/products';
const PUBLIC = '/api/v1/products';

type CatalogRead = Awaited<ReturnType<typeof buildCatalogRead>>;

describe.skipIf(!gate.run)(
  gate.title('round trip: admin-write on the primary → catalog-read on the replica'),
  () => {
    let pair: ReplicaPair;
    let admin: AdminWrite;
    let catalog: CatalogRead;

    beforeAll(async () => {
      pair = await startMysqlReplicaPair();
      await prepareDatabase(pair.primaryUrl);
      await pair.waitForReplication();
      admin = await startAdminWrite({ DATABASE_URL: pair.primaryUrl });
      catalog = await buildCatalogRead(
        loadCatalogReadConfig({
          DATABASE_URL: pair.replicaUrl,
          PUBLIC_ASSET_BASE_URL: 'http://shop.test',
          CATALOG_VERSION_REFRESH_MS: '50',
        }),
        { logger: false },
      );
      await catalog.app.ready();
    });
    afterAll(async () => {
      await closeAll([admin?.app, catalog?.app]);
      await pair?.stop();
    });

    const publicGet = (url: string) => inject(catalog.app, { method: 'GET', url });
    /** Waits until catalog-read (reading the replica, caching by catalog version) answers as expected. */
    const publicly = async (check: () => Promise<void>) => {
      await pair.waitForReplication();
      await eventually(check, 10_000, 25);
    };
    const publicIds = async (query: string) => {
      const response = await publicGet(`${PUBLIC}?${query}&limit=100`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((item: { id: number }) => item.id) as number[];
    };

    it('create → visible → update → deactivate → gone (404) → reactivate → back → delete for good → gone', async () => {
      const category = uniqueName('Round trip');
      const query = `category=${encodeURIComponent(category)}`;
      const created = await call(admin.app, 'POST', ADMIN, {
        json: {
          name: 'Round-trip Teapot',
          description: 'Cast iron.',
          price: '31.40',
          category,
          stock_quantity: 3,
          image_url: '/images/products/teapot.svg',
          sku: `RT-${Date.now()}`,
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const product = created.json() as AdminProduct;
      const url = `${PUBLIC}/${product.id}`;

      await publicly(async () => {
        const response = await publicGet(url);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({
          id: product.id,
          name: 'Round-trip Teapot',
          description: 'Cast iron.',
          price: '31.40',
          currency: 'USD',
          category,
          stock_quantity: 3,
          in_stock: true,
          image_url: 'http://shop.test/images/products/teapot.svg',
          created_at: product.created_at,
          updated_at: product.updated_at,
        });
        expect(await publicIds(query)).toEqual([product.id]);
      });

      const patched = await call(admin.app, 'PATCH', `${ADMIN}/${product.id}`, { json: { price: '29.99' } });
      expect(patched.statusCode, patched.body).toBe(200);
      const stocked = await call(admin.app, 'POST', `${ADMIN}/${product.id}/stock`, { json: { delta: -3 } });
      expect(stocked.statusCode, stocked.body).toBe(200);
      await publicly(async () => {
        expect((await publicGet(url)).json()).toMatchObject({
          price: '29.99',
          stock_quantity: 0,
          in_stock: false,
        });
      });

      expect((await call(admin.app, 'DELETE', `${ADMIN}/${product.id}`)).statusCode).toBe(204);
      await publicly(async () => {
        const response = await publicGet(url);
        expect(response.statusCode).toBe(404);
        expect(await publicIds(query)).toEqual([]);
      });

      const reactivated = await call(admin.app, 'PATCH', `${ADMIN}/${product.id}`, {
        json: { is_active: true },
      });
      expect(reactivated.statusCode, reactivated.body).toBe(200);
      await publicly(async () => {
        const response = await publicGet(url);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ id: product.id, price: '29.99' });
        expect(await publicIds(query)).toEqual([product.id]);
      });

      expect((await call(admin.app, 'DELETE', `${ADMIN}/${product.id}?permanent=true`)).statusCode).toBe(204);
      await publicly(async () => {
        expect((await publicGet(url)).statusCode).toBe(404);
        expect(await publicIds(query)).toEqual([]);
      });
    });

    it('a root-relative image path the admin API accepts stays on the storefront host publicly', async () => {
      // `/\host/…` passes the "root-relative path" rule, and URL resolution reads `\` as `/`.
      for (const imageUrl of ['/images/ok.png', '/\\evil.test/x.png']) {
        const created = await call(admin.app, 'POST', ADMIN, {
          json: { name: uniqueName('Image path'), price: '1.00', image_url: imageUrl },
        });
        if (created.statusCode === 400) continue; // refusing the path is fine too
        expect(created.statusCode, created.body).toBe(201);
        const { id } = created.json() as AdminProduct;
        let served: { image_url: string } | undefined;
        await publicly(async () => {
          const response = await publicGet(`${PUBLIC}/${id}`);
          expect(response.statusCode).toBe(200);
          served = response.json();
        });
        expect(new URL(served!.image_url).origin, imageUrl).toBe('http://shop.test');
      }
    });

    it('catalog-read pages past a product whose (valid) name is 255 non-ASCII characters', async () => {
      const category = uniqueName('Long names');
      const ids: number[] = [];
      // Sorted by name, the long one comes first, so the next page's cursor carries it.
      for (const name of ['Чайник'.repeat(43).slice(0, 255), 'Яблоко one', 'Яблоко two']) {
        const response = await call(admin.app, 'POST', ADMIN, { json: { name, price: '1.00', category } });
        expect(response.statusCode, response.body).toBe(201);
        ids.push((response.json() as AdminProduct).id);
      }
      const base = `${PUBLIC}?category=${encodeURIComponent(category)}&sort=name&limit=1`;
      await publicly(async () => {
        expect(await publicIds(`category=${encodeURIComponent(category)}`)).toHaveLength(3);
      });
      const seen: number[] = [];
      let page = (await publicGet(base)).json();
      seen.push(...page.items.map((item: { id: number }) => item.id));
      while (page.next_cursor) {
        const response = await publicGet(`${base}&cursor=${page.next_cursor}`);
        expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
        page = response.json();
        seen.push(...page.items.map((item: { id: number }) => item.id));
      }
      expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    });
  },
);
