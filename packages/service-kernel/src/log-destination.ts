import { pino } from 'pino';

/** Where the services' pino loggers write: stdout, batched. */
export interface LogDestination {
  write(line: string): void;
  /** A line of ASCII characters only (the request line's usual case): it needs no UTF-8 encoding. */
  writeAscii(line: string): void;
  /** Hands everything pending to stdout; `done` runs once it is written. */
  flush(done?: (error?: Error) => void): void;
}

/** Longest a line waits before it is handed to stdout. */
export const LOG_BATCH_MS = 50;
/** Pending characters that trigger a hand-over before the timer. */
const LOG_BATCH_CHARS = 64 * 1024;

/**
 * stdout for pino, batched: lines gather for up to LOG_BATCH_MS (or 64 KiB) and go out in one
 * synchronous write (sonic-boom, which retries partial writes and EAGAIN). Per request, a line written
 * alone cost more than the rest of a cache hit (sonic-boom measures its whole pending buffer on every
 * write, and an asynchronous write is a trip to a libuv worker thread); batched, a line costs about
 * what formatting it does. A batch of ASCII lines only is encoded as Latin-1, which is the same bytes
 * without UTF-8's pass over every character to size the result (~750 instructions per request line).
 * Writes are synchronous so that the exit handler can write the last batch in order: a crash or
 * `process.exit()` loses no line; a SIGKILL can lose up to LOG_BATCH_MS of them.
 */
export function createStdoutDestination(): LogDestination {
  const stdout = pino.destination({ dest: 1, sync: true, contentMode: 'buffer' });
  // sonic-boom's types declare write(string) only; in contentMode 'buffer' it takes Buffers.
  const writeBytes = (bytes: Buffer) => stdout.write(bytes as unknown as string);
  let pending: string[] = [];
  let pendingChars = 0;
  /** Whether every pending line came through writeAscii. */
  let pendingAscii = true;
  let timer: NodeJS.Timeout | undefined;
  const handOver = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join('');
    const encoding = pendingAscii ? 'latin1' : 'utf8';
    pending = [];
    pendingChars = 0;
    pendingAscii = true;
    writeBytes(Buffer.from(text, encoding));
  };
  const add = (line: string) => {
    pending.push(line);
    pendingChars += line.length;
    if (pendingChars >= LOG_BATCH_CHARS) handOver();
    else timer ??= setTimeout(handOver, LOG_BATCH_MS).unref();
  };
  process.once('exit', () => {
    try {
      handOver();
    } catch {
      // stdout is gone (EPIPE): nothing can be done.
    }
  });
  return {
    write(line) {
      pendingAscii = false;
      add(line);
    },
    writeAscii: add,
    flush(done) {
      handOver();
      done?.();
    },
  };
}
