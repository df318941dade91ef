import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ImageTree } from './image-build.js';

/** The uid and gid of `nobody`: a user that owns nothing in an image tree, as USER does in the image. */
const NOBODY = 65534;
const SETPRIV = '/usr/bin/setpriv';

export interface ImageProcess {
  readonly child: ChildProcess;
  /** True when it runs as an unprivileged user that owns none of the image's files (needs root here). */
  readonly asImageUser: boolean;
  /** stdout's lines so far, parsed as JSON when they are JSON. */
  readonly lines: readonly Record<string, unknown>[];
  /** stderr so far. */
  stderr(): string;
  /** The first line (past or future) that matches; rejects when the process exits first. */
  waitForLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves once the process has exited and its output has been read. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, as a container runtime stops a container; resolves as `exited` does. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (cleanup). */
  kill(): Promise<void>;
}

/**
 * Starts an image tree's CMD the way a container runtime would: in its WORKDIR, with its ENV plus
 * `env` (as `docker run -e`), and nothing else from this process but PATH. The image's `node` is this
 * machine's. When the image sets USER and this process is root, it runs as `nobody`, who, like the
 * image's user, owns none of the files COPY put there: a write outside /tmp fails as it would in the
 * container.
 */
export function startImage(image: ImageTree, env: Record<string, string> = {}): ImageProcess {
  const [program, ...args] = image.cmd;
  if (program !== 'node') throw new Error(`only a CMD that runs node can be started here (got ${program})`);
  const asImageUser = image.user !== undefined && process.getuid?.() === 0 && existsSync(SETPRIV);
  const argv = asImageUser
    ? [SETPRIV, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, ...args]
    : [process.execPath, ...args];
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: image.hostPath(image.workdir),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...image.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<(line: Record<string, unknown>) => void>();
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { text };
    }
    lines.push(line);
    for (const waiter of waiters) waiter(line);
  });
  // 'close' comes after stdout has ended, so `lines` is complete once `exited` resolves.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    });
  });

  const waitForLine = (match: (line: Record<string, unknown>) => boolean) => {
    const past = lines.find(match);
    if (past) return Promise.resolve(past);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const waiter = (line: Record<string, unknown>) => {
        if (!match(line)) return;
        waiters.delete(waiter);
        resolve(line);
      };
      waiters.add(waiter);
      void exited.then(({ code, signal }) => {
        if (!waiters.delete(waiter)) return;
        reject(new Error(`the image's process exited (${signal ?? `code ${code}`}): ${stderr.slice(-2000)}`));
      });
    });
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { child, asImageUser, lines, stderr: () => stderr, waitForLine, exited, stop, kill };
}
