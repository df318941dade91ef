import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import type { MariadbBinaries } from './binaries.js';
import { trackChild } from './cleanup.js';
import { cnfLine, type OptionValue } from './mysqld-options.js';

const execFileAsync = promisify(execFile);
const SETPRIV = '/usr/bin/setpriv';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** Free loopback ports, all held open together so no two are the same, then released for mariadbd. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('unexpected listen address');
    return address.port;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

async function tail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** One mariadbd process with its own datadir, tmpdir, socket, pid file, error log and option file. */
export class LocalInstance {
  readonly datadir: string;
  readonly socket: string;
  readonly errorLog: string;
  readonly cnf: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;

  constructor(
    readonly name: string,
    readonly dir: string,
    private readonly binaries: MariadbBinaries,
    public port: number,
    private readonly options: ReadonlyMap<string, OptionValue>,
  ) {
    this.datadir = join(dir, 'data');
    this.socket = join(dir, 'mysqld.sock');
    this.errorLog = join(dir, 'error.log');
    this.cnf = join(dir, 'my.cnf');
  }

  /** Creates the instance's directories and option file. */
  async prepare(): Promise<void> {
    await mkdir(join(this.dir, 'tmp'), { recursive: true });
    await this.writeCnf();
  }

  /** Installs the system tables into a fresh datadir. */
  async install(): Promise<void> {
    try {
      await execFileAsync(
        this.binaries.installDb,
        [
          `--defaults-file=${this.cnf}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          '--skip-name-resolve',
        ],
        { timeout: 60_000 },
      );
    } catch (err) {
      // The installer's stdout is boilerplate; the reason is in stderr and the server's error log.
      const { code, stderr = '' } = err as { code?: number | string; stderr?: string };
      const log = await tail(this.errorLog);
      throw new Error(
        `[test-kit] ${this.binaries.installDb} failed for ${this.name} (exit code ${code})${stderr.trim() ? `: ${stderr.trim()}` : ''}\nlast lines of ${this.errorLog}:\n${log}`,
      );
    }
  }

  /**
   * Copies a freshly installed, never started datadir (nothing in it depends on server_id). Much faster
   * than a second install, and `cp` beats fs.cp about threefold on the ~200 small files.
   */
  async copyDatadirFrom(source: LocalInstance): Promise<void> {
    await execFileAsync('cp', ['-R', source.datadir, this.datadir], { timeout: 60_000 });
  }

  async writeCnf(): Promise<void> {
    const own: Record<string, OptionValue> = {
      datadir: this.datadir,
      // Own tmpdir: mariadbd deletes #sql* files in its tmpdir at start, which races with a shared /tmp.
      tmpdir: join(this.dir, 'tmp'),
      socket: this.socket,
      pid_file: join(this.dir, 'mysqld.pid'),
      log_error: this.errorLog,
      port: this.port,
    };
    const lines = ['[mysqld]'];
    // mariadbd refuses to run as root unless told to.
    if (process.getuid?.() === 0) lines.push('user=root');
    for (const [key, value] of this.options) if (!(key in own)) lines.push(cnfLine(key, value));
    for (const [key, value] of Object.entries(own)) lines.push(cnfLine(key, value));
    await writeFile(this.cnf, `${lines.join('\n')}\n`);
  }

  /** Spawns mariadbd and resolves once it accepts connections on its socket. */
  async start(): Promise<void> {
    if (this.child) return;
    const args = [`--defaults-file=${this.cnf}`];
    // setpriv makes the kernel kill mariadbd when the test worker dies, even by SIGKILL.
    const [command, argv] = existsSync(SETPRIV)
      ? [SETPRIV, ['--pdeathsig', 'KILL', '--', this.binaries.server, ...args]]
      : [this.binaries.server, args];
    const log = openSync(this.errorLog, 'a');
    let child: ChildProcess;
    try {
      child = spawn(command, argv, { stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    trackChild(child);
    this.child = child;
    this.exited = new Promise((resolve) => {
      const done = () => {
        if (this.child === child) this.child = undefined;
        resolve();
      };
      child.once('exit', done);
      // spawn failures (ENOENT) emit 'error' and possibly no 'exit'.
      child.once('error', done);
    });
    await this.waitReady(child);
  }

  private async waitReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let exited = false;
    void this.exited?.then(() => {
      exited = true;
    });
    let lastError = '';
    while (!exited && Date.now() < deadline) {
      try {
        const conn = await mysql.createConnection({
          socketPath: this.socket,
          user: 'root',
          connectTimeout: 2_000,
        });
        await conn.end();
        return;
      } catch (err) {
        lastError = (err as Error).message;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited) await this.kill(child);
    const why = exited
      ? `exited with code ${child.exitCode ?? child.signalCode}`
      : `not ready after ${READY_TIMEOUT_MS} ms (${lastError})`;
    throw new Error(
      `[test-kit] mariadbd ${this.name} ${why}; last lines of ${this.errorLog}:\n${await tail(this.errorLog)}`,
    );
  }

  /** Whether the last failed start was because another process took the port meanwhile. */
  async portWasTaken(): Promise<boolean> {
    return /Address already in use|errno: 98/.test(await tail(this.errorLog, 40));
  }

  /** SIGTERM, then SIGKILL after 5 s; resolves on the child's exit event. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child) await this.kill(child);
  }

  private async kill(child: ChildProcess): Promise<void> {
    const exited = this.exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
