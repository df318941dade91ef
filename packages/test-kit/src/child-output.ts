import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One stdout line of a child: parsed when it is JSON (a pino log line), else `{ text }`. */
export type OutputLine = Readonly<Record<string, unknown>>;

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ChildOutput {
  /** stdout's lines so far. */
  readonly lines: readonly OutputLine[];
  /** stderr so far. */
  stderr(): string;
  /**
   * The first line (past or future) that matches; rejects when the process exits first, or after
   * `timeoutMs` when one is given.
   */
  waitForLine(match: (line: OutputLine) => boolean, timeoutMs?: number): Promise<OutputLine>;
  /** Resolves once the process has exited and its output has been read. */
  readonly exited: Promise<ChildExit>;
  /** SIGKILL if still running (cleanup); resolves as `exited` does. */
  kill(): Promise<void>;
}

/**
 * Reads a spawned child's stdout (to the end, so a full pipe never blocks it) and stderr, and kills it
 * if this process exits first. `label` names it in errors.
 */
export function watchChild(child: ChildProcess, label: string): ChildOutput {
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const lines: OutputLine[] = [];
  const waiters = new Set<(line: OutputLine) => void>();
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: OutputLine;
    try {
      line = JSON.parse(text) as OutputLine;
    } catch {
      line = { text };
    }
    lines.push(line);
    for (const waiter of waiters) waiter(line);
  });
  // 'close' comes after stdout has ended, so `lines` is complete once `exited` resolves.
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('close', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    });
  });

  const waitForLine = (match: (line: OutputLine) => boolean, timeoutMs?: number) => {
    const past = lines.find(match);
    if (past) return Promise.resolve(past);
    return new Promise<OutputLine>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              waiters.delete(waiter);
              reject(new Error(`${label}: no matching line within ${timeoutMs} ms: ${stderr.slice(-2000)}`));
            }, timeoutMs);
      const waiter = (line: OutputLine) => {
        if (!match(line)) return;
        waiters.delete(waiter);
        clearTimeout(timer);
        resolve(line);
      };
      waiters.add(waiter);
      void exited.then(({ code, signal }) => {
        if (!waiters.delete(waiter)) return;
        clearTimeout(timer);
        reject(new Error(`${label} exited (${signal ?? `code ${code}`}): ${stderr.slice(-2000)}`));
      });
    });
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return { lines, stderr: () => stderr, waitForLine, exited, kill };
}
