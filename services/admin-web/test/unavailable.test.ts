import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedLoopbackPort } from '../../admin-write/test/support/api/harness.js';
import { textOf } from './support/catalog.js';
import { type AdminWeb, adminWebEnv, startAdminWeb } from './support/stack.js';
import { Visitor } from './support/visitor.js';

/** A server that accepts connections and reads requests but never answers: a hung admin-write. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('admin-web when admin-write is down or hangs', () => {
  let down: AdminWeb;
  let hung: AdminWeb;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    down = await startAdminWeb(adminWebEnv(`http://127.0.0.1:${await closedLoopbackPort()}`));
    silent = await silentServer();
    hung = await startAdminWeb(adminWebEnv(silent.url, { ADMIN_API_TIMEOUT_MS: '300' }));
  });
  afterAll(async () => {
    await down?.app.close();
    await hung?.app.close();
    await silent?.close();
  });

  it('shows a friendly 503 page when admin-write refuses connections', async () => {
    const owner = new Visitor(down.app);
    const signedIn = await owner.signIn();
    expect(signedIn.statusCode).toBe(303);
    const page = await owner.follow(signedIn);
    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const text = textOf(page.body);
    expect(text).toContain('The catalog is not answering');
    expect(text).toContain('Nothing was changed. Please try again in a moment.');
    // Still signed in: the page keeps its navigation and a way back.
    expect(page.body).toContain('action="/sign-out"');
    expect(page.body).toContain('<a href="/products">Try again</a>');
  });

  it('answers within its deadline when admin-write hangs, and says a write may have gone through', async () => {
    const owner = new Visitor(hung.app);
    await owner.follow(await owner.signIn()).catch(() => undefined);
    let started = performance.now();
    const list = await owner.get('/products');
    // Three attempts of a read would each take the whole deadline; the deadline covers them all.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(list.statusCode).toBe(503);

    await owner.get('/products/new');
    started = performance.now();
    const create = await owner.post('/products', {
      idempotency_key: 'hung-1',
      name: 'Hung create',
      price: '1.00',
      sku: '',
      stock_quantity: '',
      category: '',
      image_url: '',
      description: '',
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(create.statusCode).toBe(503);
    expect(textOf(create.body)).toContain('The change may or may not have been saved');
    expect(textOf(create.body)).toContain(
      'Submitting the same new-product form again never creates a second product.',
    );
  });
});
