import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase } from '../src/index.js';

/** A TCP server on loopback that accepts connections and never says a word (a hung database). */
let silent: net.Server;
let silentPort: number;
/** A loopback port with nothing listening. */
let closedPort: number;

beforeAll(async () => {
  silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => new Promise((resolve) => silent.close(resolve)));

describe('a wrong DATABASE_URL fails fast with a message naming the problem', () => {
  it('refused connection', async () => {
    const handle = await openDatabase(`mysql://app:secret@127.0.0.1:${closedPort}/mystore`);
    const failure = await handle.verify().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect((failure as Error).message).toBe(
      `cannot reach mysql://127.0.0.1:${closedPort}/mystore: connection refused (is the server running on that port?)`,
    );
    await handle.close();
  });

  it('a server that never answers: bounded by the connect timeout, not a hang', async () => {
    const handle = await openDatabase(`mysql://app:secret@127.0.0.1:${silentPort}/mystore`, {
      connectTimeoutMs: 300,
    });
    const failure = await handle.verify(10_000).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/no answer in time/);
    expect((failure as Error).message).not.toContain('secret');
    await handle.close();
  });

  it('a pool whose connections are all stuck: bounded by the acquire timeout', async () => {
    const handle = await openDatabase(`mysql://app:secret@127.0.0.1:${silentPort}/mystore`, {
      connectTimeoutMs: 1000,
      acquireTimeoutMs: 200,
      connectionLimit: 1,
    });
    const failure = await handle.verify(10_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect((failure as DatabaseUnavailableError).code).toBe('POOL_ACQUIRE_TIMEOUT');
    await handle.close();
  });

  it('an unsupported scheme', async () => {
    await expect(openDatabase('postgres://app:secret@localhost/db')).rejects.toThrow(
      /unsupported scheme 'postgres'/,
    );
  });
});
