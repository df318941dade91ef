import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * setpriv (util-linux) makes the kernel send a child SIGTERM when its parent dies, even by SIGKILL: a
 * killed `npm start` leaves no service behind. Where it is missing (not Linux), children are still
 * stopped on every signal `npm start` can catch.
 */
const SETPRIV = '/usr/bin/setpriv';
/** After SIGTERM, a service that has not exited by then is killed (the services drain in well under). */
const STOP_GRACE_MS = 4_000;

export interface ServiceChild {
  readonly name: string;
  readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node <args>` as a child that dies with this process; its stdout is piped for the log view. */
export function startChild(name: string, nodeArgs: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
  const argv = [process.execPath, ...nodeArgs];
  const [command, args] = existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'TERM', '--', ...argv]]
    : [argv[0]!, argv.slice(1)];
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: 1, signal: null }));
  });
  return { name, process: child, exited } satisfies ServiceChild;
}

/** SIGTERM to every child still running, SIGKILL to any left after the grace period; resolves when all are gone. */
export async function stopChildren(children: readonly ServiceChild[]): Promise<void> {
  const running = children.filter((child) => child.process.exitCode === null && !child.process.signalCode);
  for (const child of running) child.process.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const child of running) child.process.kill('SIGKILL');
  }, STOP_GRACE_MS);
  await Promise.all(running.map((child) => child.exited));
  clearTimeout(timer);
}

/**
 * Calls `onOrphaned` once this process's parent (npm) has gone: a SIGKILL to npm, or a terminal closed
 * under it, would otherwise leave `npm start` and its services running.
 */
export function watchParent(onOrphaned: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, 250);
  timer.unref();
}
