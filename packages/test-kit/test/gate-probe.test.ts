import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumSuiteGate } from '../src/browser/chromium.js';
import { gateFor } from '../src/gate.js';
import { cnfLine, mergeOptions } from '../src/mysqld-options.js';
import { probeContainerRuntime } from '../src/probe.js';
import { mysqlUrl } from '../src/urls.js';

describe('probeContainerRuntime', () => {
  let dir: string;
  const servers: Server[] = [];
  const listen = (server: Server, path: string) =>
    new Promise<void>((resolve) => {
      servers.push(server);
      server.listen(path, resolve);
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'test-kit-probe-'));
    await listen(
      createHttpServer((req, res) => res.end(req.url === '/_ping' ? 'OK' : '')),
      join(dir, 'answers.sock'),
    );
    // Accepts connections and never says a word: the case that hangs testcontainers forever.
    await listen(
      createServer(() => {}),
      join(dir, 'silent.sock'),
    );
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds a runtime that answers GET /_ping', async () => {
    const socket = join(dir, 'answers.sock');
    expect(await probeContainerRuntime({ DOCKER_HOST: `unix://${socket}` })).toEqual({
      ok: true,
      endpoint: `unix://${socket}`,
    });
  });

  it('gives up on a socket that accepts but never answers, after the 1 s deadline', async () => {
    const started = Date.now();
    const result = await probeContainerRuntime({ DOCKER_HOST: `unix://${join(dir, 'silent.sock')}` });
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no container runtime answered'),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails fast on a refused tcp:// address and explains unsupported schemes', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const address = s.address();
        s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const started = Date.now();
    expect(await probeContainerRuntime({ DOCKER_HOST: `tcp://127.0.0.1:${port}` })).toMatchObject({
      ok: false,
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(await probeContainerRuntime({ DOCKER_HOST: 'ssh://me@host' })).toEqual({
      ok: false,
      reason: 'DOCKER_HOST=ssh://me@host is not a unix:// or tcp:// address',
    });
  });
});

describe('gateFor', () => {
  const unavailable = { available: false as const, reason: 'no mariadbd/mysqld binary found' };

  it('runs suites when a pair is available', () => {
    const gate = gateFor({ available: true, source: 'local' }, { CI: 'true' });
    expect(gate.run).toBe(true);
    expect(gate.title('replication')).toBe('replication');
  });

  it('skips outside CI with one line on stderr and the reason in the title', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const gate = gateFor(unavailable, {});
      expect(gate).toMatchObject({ run: false, reason: unavailable.reason });
      expect(gate.title('replication')).toBe('replication (skipped: no mariadbd/mysqld binary found)');
      expect(write).toHaveBeenCalledTimes(1);
      expect(write).toHaveBeenCalledWith(
        '[test-kit] MySQL suites skipped: no mariadbd/mysqld binary found\n',
      );
    } finally {
      write.mockRestore();
    }
  });

  it('fails loudly in CI instead of skipping', () => {
    expect(() => gateFor(unavailable, { CI: 'true' })).toThrow(
      'MySQL suites cannot run in CI: no mariadbd/mysqld binary found',
    );
  });
});

describe('option files and URLs', () => {
  it('lets overrides replace defaults whatever their spelling, and writes flags mysqld understands', () => {
    const merged = mergeOptions(
      { innodb_buffer_pool_size: '16M', log_bin: 'mysql-bin' },
      {
        'innodb-buffer-pool-size': '1G',
        log_bin: false,
      },
    );
    expect([...merged].map(([k, v]) => cnfLine(k, v))).toEqual([
      'innodb_buffer_pool_size=1G',
      'skip-log_bin',
    ]);
    expect(cnfLine('skip_name_resolve', true)).toBe('skip_name_resolve');
  });

  it('URL-encodes credentials', () => {
    const url = mysqlUrl('127.0.0.1', 3306, { user: 'app@rw', password: 'p:/@#?' }, 'mystore');
    expect(url).toBe('mysql://app%40rw:p%3A%2F%40%23%3F@127.0.0.1:3306/mystore');
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe('p:/@#?');
  });
});

describe('chromiumSuiteGate', () => {
  it('runs browser suites when Chromium is at CHROMIUM_PATH', () => {
    expect(chromiumSuiteGate({ CHROMIUM_PATH: process.execPath, CI: 'true' }).run).toBe(true);
  });

  it('skips outside CI with the reason in the title, and fails loudly in CI', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const gate = chromiumSuiteGate({ CHROMIUM_PATH: '/nonexistent/chromium' });
      expect(gate.run).toBe(false);
      expect(gate.title('shop')).toBe(
        'shop (skipped: no Chromium at /nonexistent/chromium (apt-get install chromium))',
      );
      expect(write).toHaveBeenCalledWith(
        '[test-kit] browser suites skipped: no Chromium at /nonexistent/chromium (apt-get install chromium)\n',
      );
    } finally {
      write.mockRestore();
    }
    expect(() => chromiumSuiteGate({ CHROMIUM_PATH: '/nonexistent/chromium', CI: 'true' })).toThrow(
      'browser suites cannot run in CI: no Chromium at /nonexistent/chromium',
    );
  });
});
