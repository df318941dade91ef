import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { catalogRead } from '@mystore/service-contract';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SERVER = 'services/catalog-read/src/server.ts';

/** Configuration catalog-read reads (its service contract); inherited values are dropped so only the test's own apply. */
const CONFIG_KEYS = [...catalogRead.env, 'NODE_OPTIONS'];

export interface LogLine {
  readonly msg?: string;
  readonly level?: number;
  readonly [key: string]: unknown;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The HTTP port from the "listening" log line. */
  readonly port: number;
  /** Every JSON line the server wrote to stdout so far. */
  readonly logs: readonly LogLine[];
  /** What stderr said (start-up failures end up there). */
  stderr(): string;
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (cleanup). */
  kill(): Promise<void>;
}

/** Starts the real server (`server.ts` through tsx) as a child process, as `npm start -w` would. */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !CONFIG_KEYS.includes(key) && !key.startsWith('OTEL_')),
  );
  const child = spawn(
    process.execPath,
    // As `npm start -w services/catalog-read`: the tracing bootstrap first (inert without OTEL_* settings).
    [
      '--conditions=@mystore/source',
      '--import',
      'tsx',
      '--import',
      '@mystore/service-kernel/tracing',
      SERVER,
    ],
    {
      cwd: REPO_ROOT,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const logs: LogLine[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      line = { msg: text };
    }
    logs.push(line);
    for (const waiter of waiters) {
      if (waiter.match(line)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    });
  });

  const waitForLog = (match: (line: LogLine) => boolean, waitMs = 10_000) => {
    const past = logs.find(match);
    if (past) return Promise.resolve(past);
    return new Promise<LogLine>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (line: LogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching log line within ${waitMs} ms; stderr: ${stderr.slice(-2000)}`));
      }, waitMs);
      waiters.add(waiter);
      void exited.then(() => {
        if (!waiters.has(waiter)) return;
        waiters.delete(waiter);
        clearTimeout(timer);
        reject(new Error(`the server exited before the log line; stderr: ${stderr.slice(-2000)}`));
      });
    });
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  try {
    const listening = await waitForLog((line) => line.msg === 'listening', timeoutMs);
    const port = Number(listening.port);
    if (!Number.isInteger(port) || port <= 0) throw new Error(`no port in ${JSON.stringify(listening)}`);
    return { child, port, logs, stderr: () => stderr, waitForLog, exited, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One GET on a connection of its own (no keep-alive agent), so every request is a new connection.
 * Rejects with the socket error (e.g. ECONNREFUSED) or with code 'ETIMEDOUT' after `timeoutMs`.
 */
export function httpGet(port: number, path: string, timeoutMs = 30_000): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => {
      req.destroy(
        Object.assign(new Error(`GET ${path}: no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      );
    }, timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end();
  });
}
