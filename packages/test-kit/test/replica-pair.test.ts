import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { detectMysql, mysqlSuiteGate, type ReplicaPair, startMysqlReplicaPair } from '../src/index.js';

const gate = await mysqlSuiteGate();
const detection = await detectMysql();
// Process control and temp dirs exist only for pairs of local processes.
const local = detection.available && detection.source === 'local';

async function query<T = Record<string, unknown>>(
  url: string,
  sql: string,
  values?: unknown[],
): Promise<T[]> {
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 5_000 });
  try {
    const [rows] = await conn.query(sql, values);
    return rows as T[];
  } finally {
    await conn.end();
  }
}

async function names(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(url, 'SELECT name FROM items ORDER BY id');
  return rows.map((r) => r.name);
}

/** The same user and password pointed at another server of the pair. */
function withPortOf(url: string, other: string): string {
  const u = new URL(url);
  u.port = new URL(other).port;
  return u.toString();
}

/** Pids of live processes (zombies have no command line) whose command line mentions dir. */
async function processesUsing(dir: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  const found: number[] = [];
  for (const pid of pids) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(dir)) found.push(Number(pid));
  }
  return found;
}

async function refusesConnections(url: string): Promise<boolean> {
  return query(url, 'SELECT 1').then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
  );
}

describe.skipIf(!gate.run)(gate.title('replica pair with two replicas'), () => {
  let pair: ReplicaPair;

  beforeAll(async () => {
    pair = await startMysqlReplicaPair({ replicas: 2 });
    await query(
      pair.primaryUrl,
      'CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL)',
    );
  });
  afterAll(async () => {
    await pair?.stop();
  });

  it('hands out URLs for every replica and reports its start-up time', () => {
    expect(pair.replicaUrls).toHaveLength(2);
    expect(pair.replicaWriterUrls).toHaveLength(2);
    expect(pair.admin.replicaUrls).toHaveLength(2);
    expect(pair.replicaUrl).toBe(pair.replicaUrls[0]);
    expect(pair.primaryUrl).toMatch(/^mysql:\/\/app_rw:[^@]+@[^/]+:\d+\/mystore$/);
    expect(pair.replicaUrl).toMatch(/^mysql:\/\/app_ro:[^@]+@[^/]+:\d+\/mystore$/);
    expect(pair.startupMs).toBeGreaterThan(0);
  });

  it('replicates a row written on the primary to both replicas', async () => {
    await query(pair.primaryUrl, "INSERT INTO items (name) VALUES ('first')");
    await pair.waitForReplication();
    for (const url of pair.replicaUrls) expect(await names(url)).toContain('first');
  });

  it('uses utf8mb4_unicode_ci and UTC everywhere', async () => {
    for (const url of [pair.primaryUrl, ...pair.replicaUrls]) {
      const [row] = await query(url, 'SELECT @@collation_database AS c, @@time_zone AS tz');
      expect(row).toEqual({ c: 'utf8mb4_unicode_ci', tz: '+00:00' });
    }
  });

  it('refuses writes from app_rw on a replica (read_only) and from app_ro on the primary', async () => {
    for (const url of pair.replicaWriterUrls) {
      await expect(query(url, "INSERT INTO items (name) VALUES ('nope')")).rejects.toMatchObject({
        errno: 1290,
        code: 'ER_OPTION_PREVENTS_STATEMENT',
      });
    }
    const readerOnPrimary = withPortOf(pair.replicaUrl, pair.primaryUrl);
    expect(await names(readerOnPrimary)).toContain('first');
    await expect(query(readerOnPrimary, "INSERT INTO items (name) VALUES ('nope')")).rejects.toMatchObject({
      code: 'ER_TABLEACCESS_DENIED_ERROR',
    });
  });

  it('pauses and resumes replication on one replica only', async () => {
    await pair.pauseReplication(0);
    await query(pair.primaryUrl, "INSERT INTO items (name) VALUES ('while paused')");
    await pair.waitForReplication({ replica: 1 });
    expect(await names(pair.replicaUrls[1]!)).toContain('while paused');
    await expect(pair.waitForReplication({ replica: 0, timeoutMs: 300 })).rejects.toThrow(/within 300 ms/);
    expect(await names(pair.replicaUrls[0]!)).not.toContain('while paused');

    await pair.resumeReplication(0);
    await pair.waitForReplication({ replica: 0 });
    expect(await names(pair.replicaUrls[0]!)).toContain('while paused');
  });

  it('rejects replica indexes that do not exist', async () => {
    await expect(pair.pauseReplication(2)).rejects.toThrow(RangeError);
    await expect(pair.waitForReplication({ replica: -1 })).rejects.toThrow(/replica -1 does not exist/);
  });

  it.runIf(local)(
    'stops a replica (connections refused) and restarts it on the same port, caught up',
    async () => {
      await pair.stopReplica(0);
      expect(await refusesConnections(pair.replicaUrls[0]!)).toBe(true);
      await query(pair.primaryUrl, "INSERT INTO items (name) VALUES ('while down')");
      await pair.waitForReplication({ replica: 1 });

      await pair.startReplica(0);
      expect(await names(pair.replicaUrls[0]!)).toContain('while down');
      // Replication keeps running after the restart, not just the catch-up.
      await query(pair.primaryUrl, "INSERT INTO items (name) VALUES ('after restart')");
      await pair.waitForReplication();
      expect(await names(pair.replicaUrls[0]!)).toContain('after restart');
    },
  );

  it.skipIf(local)('refuses stopReplica/startReplica when the kit does not own the servers', async () => {
    await expect(pair.stopReplica()).rejects.toThrow(/local processes/);
    await expect(pair.startReplica()).rejects.toThrow(/local processes/);
  });
});

describe.runIf(gate.run && local)('local pair lifecycle', () => {
  let base: string;

  beforeAll(async () => {
    // RAM when possible, as the kit itself prefers: pairs start 2-3x faster there.
    base = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'test-kit-base-'));
    vi.stubEnv('TEST_MYSQL_TMPDIR', base);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(base, { recursive: true, force: true });
  });

  it('leaves nothing behind when a test worker is killed: servers die with it, the next start sweeps its files', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/start-and-wait.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, TEST_MYSQL_TMPDIR: base },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const line = await Promise.race([
      once(createInterface({ input: child.stdout! }), 'line').then(([l]) => l as string),
      exited.then(() => Promise.reject(new Error('the fixture exited before printing its URLs'))),
    ]);
    const admin = JSON.parse(line) as ReplicaPair['admin'];
    expect(await query(admin.primaryUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await readdir(base)).toHaveLength(1);
    expect(await processesUsing(base)).toHaveLength(2); // its primary and replica

    child.kill('SIGKILL');
    await exited;
    await vi.waitFor(
      async () => {
        for (const url of [admin.primaryUrl, ...admin.replicaUrls])
          expect(await refusesConnections(url)).toBe(true);
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(await processesUsing(base)).toEqual([]);
    expect(await readdir(base)).toHaveLength(1);

    // The next pair removes the dead worker's directory; stop() removes its own.
    const pair = await startMysqlReplicaPair({
      mysqldOptions: { max_connections: 77, 'innodb-buffer-pool-size': '32M' },
    });
    try {
      expect(await readdir(base)).toHaveLength(1);
      for (const url of [pair.admin.primaryUrl, pair.admin.replicaUrls[0]!]) {
        const [row] = await query(url, 'SELECT @@max_connections AS m, @@innodb_buffer_pool_size AS b');
        expect(row).toEqual({ m: 77, b: 32 * 1024 * 1024 });
      }
      expect(await processesUsing(base)).toHaveLength(2);
    } finally {
      await pair.stop();
    }
    expect(await processesUsing(base)).toEqual([]);
    expect(await readdir(base)).toEqual([]);
    expect(await refusesConnections(pair.admin.primaryUrl)).toBe(true);
    await pair.stop(); // idempotent
  }, 60_000);

  it('cleans up and reports the error log when a server cannot start', async () => {
    await expect(startMysqlReplicaPair({ mysqldOptions: { no_such_option: 1 } })).rejects.toThrow(
      /unknown variable 'no_such_option=1'/,
    );
    expect(await readdir(base)).toEqual([]);
  });

  it('serves TEST_MYSQL_*_URL servers as source env: creates schema and users, never stops them', async () => {
    const servers = await startMysqlReplicaPair();
    try {
      vi.stubEnv('TEST_MYSQL_PRIMARY_URL', servers.admin.primaryUrl);
      vi.stubEnv('TEST_MYSQL_REPLICA_URL', servers.admin.replicaUrls[0]!);
      expect(await detectMysql()).toEqual({ available: true, source: 'env' });

      const env = await startMysqlReplicaPair({ database: 'envdb' });
      expect(env.source).toBe('env');
      expect(env.primaryUrl).toMatch(/\/envdb$/);
      await query(env.primaryUrl, 'CREATE TABLE t (id INT PRIMARY KEY)');
      await query(env.primaryUrl, 'INSERT INTO t VALUES (1)');
      await env.waitForReplication();
      expect(await query(env.replicaUrl, 'SELECT id FROM t')).toEqual([{ id: 1 }]);
      await expect(query(env.replicaWriterUrls[0]!, 'INSERT INTO t VALUES (2)')).rejects.toMatchObject({
        errno: 1290,
      });
      await expect(env.stopReplica()).rejects.toThrow(/source is 'env'/);

      // A second start against the same servers (another test worker) keeps the first one's URLs valid.
      const again = await startMysqlReplicaPair({ database: 'envdb' });
      expect(again.primaryUrl).toBe(env.primaryUrl);
      await again.stop();
      expect(await query(env.primaryUrl, 'SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);

      await env.stop();
      await env.stop();
      expect(await query(servers.admin.primaryUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      vi.unstubAllEnvs();
      vi.stubEnv('TEST_MYSQL_TMPDIR', base);
      await servers.stop();
    }
  });

  it('names the missing variable when only one of the two URLs is set', async () => {
    vi.stubEnv('TEST_MYSQL_PRIMARY_URL', 'mysql://root:x@127.0.0.1:1/');
    vi.stubEnv('TEST_MYSQL_REPLICA_URL', '');
    try {
      expect(await detectMysql()).toEqual({
        available: false,
        reason: 'TEST_MYSQL_PRIMARY_URL is set but TEST_MYSQL_REPLICA_URL is missing',
      });
      await expect(startMysqlReplicaPair()).rejects.toThrow(/TEST_MYSQL_REPLICA_URL is missing/);
    } finally {
      vi.unstubAllEnvs();
      vi.stubEnv('TEST_MYSQL_TMPDIR', base);
    }
  });
});
