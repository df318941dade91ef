import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './config.js';

/** Makes the kernel kill a child when the harness dies, even by SIGKILL (as the test kit does for mariadbd). */
const SETPRIV = '/usr/bin/setpriv';
const STOP_TIMEOUT_MS = 15_000;

/** Children still running, killed by the last-resort exit hook. */
const live = new Set<ChildProcess>();
let hookInstalled = false;

function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** Cleanup steps run in reverse order, each once, errors collected rather than thrown midway. */
export class Teardown {
  readonly #steps: { name: string; run: () => Promise<void> | void }[] = [];

  add(name: string, run: () => Promise<void> | void): void {
    this.#steps.push({ name, run });
  }

  async run(): Promise<void> {
    const failures: string[] = [];
    while (this.#steps.length > 0) {
      const step = this.#steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.name}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) console.error(`[bench] cleanup problems:\n  ${failures.join('\n  ')}`);
  }
}

/** A free TCP port on 127.0.0.1 (listen on 0, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServiceProcessOptions {
  /** Short name for messages and log files: `catalog-read-cache`. */
  readonly name: string;
  /** Arguments to `node` (script first, or flags then script). */
  readonly nodeArgs: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** A folder for the child's stdout (JSON logs); /dev/null when undefined. */
  readonly logDir?: string | undefined;
}

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal once the process has exited. */
  readonly exited: Promise<string>;
  hasExited(): boolean;
  /** The last few KB the child wrote to stderr. */
  stderrTail(): string;
  /** SIGTERM (graceful drain), then SIGKILL after 15 s; resolves on exit. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts `node <nodeArgs>` in the repository root as its own process. stdout (one JSON line per request
 * with logging on) goes to /dev/null or a file, so the harness does not pay for reading it; stderr is kept.
 */
export function startNodeProcess(options: ServiceProcessOptions): ServiceProcess {
  installExitHook();
  let stdout: number | 'ignore' = 'ignore';
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    stdout = openSync(path.join(options.logDir, `${options.name}.log`), 'w');
  }
  // setpriv execs node, so the pid is node's own (CPU accounting reads /proc/<pid>).
  const [command, args] = existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'KILL', '--', process.execPath, ...options.nodeArgs]]
    : [process.execPath, [...options.nodeArgs]];
  const child = spawn(command, args, { cwd: REPO_ROOT, env: options.env, stdio: ['ignore', stdout, 'pipe'] });
  live.add(child);
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-8192);
  });
  let exitedFlag = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      live.delete(child);
      resolve(signal ?? `code ${code}`);
    });
    child.once('error', (error) => {
      exitedFlag = true;
      live.delete(child);
      resolve(`spawn error: ${error.message}`);
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    name: options.name,
    pid: child.pid ?? -1,
    child,
    exited,
    hasExited: () => exitedFlag,
    stderrTail: () => tail,
    stop() {
      stopping ??= (async () => {
        if (exitedFlag) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/**
 * Polls `url` until it answers `status` (default 200); fails early when `proc` exits, or after timeoutMs.
 */
export async function waitForHttp(
  url: string,
  proc: ServiceProcess,
  { timeoutMs = 30_000, status = 200 }: { timeoutMs?: number; status?: number } = {},
): Promise<void> {
  assertLoopback(url);
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.hasExited()) {
      throw new Error(
        `${proc.name} exited (${await proc.exited}) before ${url} answered; stderr:\n${proc.stderrTail() || '(empty)'}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === status) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`${proc.name}: ${url} not ready after ${timeoutMs} ms (${last})`);
}

/** Load is only ever sent to this machine's loopback interface. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') throw new Error(`refusing to send benchmark traffic to ${host}: 127.0.0.1 only`);
}

const CLOCK_TICKS_PER_S = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; undefined when unavailable. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** CPU seconds all cores of the machine have been busy so far (everything but idle and iowait). */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    return (total - ticks[3]! - ticks[4]!) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** CPU used during a run, in % of one core; what a load runner reports next to its throughput. */
export interface RunCpu {
  readonly wallS: number;
  readonly serverCpuPct?: number;
  /** A process the server calls while it answers (catalog-read behind catalog-web). */
  readonly upstreamCpuPct?: number;
  /** This process: the load generator. */
  readonly loadGenCpuPct: number;
  /** All cores of the machine. */
  readonly machineCpuPct?: number;
}

/** Starts measuring a run's CPU; the returned function ends the measurement. */
export function startCpuMeter(serverPid?: number, upstreamPid?: number): () => RunCpu {
  const serverBefore = serverPid ? cpuSeconds(serverPid) : undefined;
  const upstreamBefore = upstreamPid ? cpuSeconds(upstreamPid) : undefined;
  const machineBefore = machineBusySeconds();
  const ownBefore = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  return () => {
    const wallS = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const own = process.cpuUsage(ownBefore);
    const serverAfter = serverPid ? cpuSeconds(serverPid) : undefined;
    const upstreamAfter = upstreamPid ? cpuSeconds(upstreamPid) : undefined;
    const machineAfter = machineBusySeconds();
    const pct = (seconds: number) => Math.round((seconds / wallS) * 100);
    return {
      wallS,
      ...(serverBefore !== undefined && serverAfter !== undefined
        ? { serverCpuPct: pct(serverAfter - serverBefore) }
        : {}),
      ...(upstreamBefore !== undefined && upstreamAfter !== undefined
        ? { upstreamCpuPct: pct(upstreamAfter - upstreamBefore) }
        : {}),
      loadGenCpuPct: pct((own.user + own.system) / 1e6),
      ...(machineBefore !== undefined && machineAfter !== undefined
        ? { machineCpuPct: pct(machineAfter - machineBefore) }
        : {}),
    };
  };
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export async function runCommand(command: string, args: readonly string[]): Promise<void> {
  installExitHook();
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  live.add(child);
  const outcome = await new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).finally(() => live.delete(child));
  if (outcome.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${outcome.signal ?? `exit code ${outcome.code}`})`);
  }
}
