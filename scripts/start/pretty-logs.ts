import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { prettyFactory } from 'pino-pretty';

interface LogLine {
  readonly msg?: string;
  readonly url?: string;
  readonly method?: string;
  readonly statusCode?: number;
  readonly durationMs?: number;
  readonly service?: string;
}

const common = { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true } as const;
/** One line per request: `GET /api/v1/products 200 3.1 ms`. */
const prettyRequest = prettyFactory({
  ...common,
  hideObject: true,
  messageFormat: (log) => {
    const line = log as LogLine;
    return `[${line.service}] ${line.method} ${line.url} ${line.statusCode} ${line.durationMs} ms`;
  },
});
/** Anything else the services log (start, shutdown, errors), with its fields on the same line. */
const prettyOther = prettyFactory({ ...common, messageFormat: '[{service}] {msg}' });

/** pino-pretty ends a line with a newline unless the object is hidden. */
function write(line: string): void {
  process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
}

/**
 * Copies a service's stdout to ours: pino's JSON lines as one readable line each (the probes write no
 * request line: the kernel registers them at level `warn`); lines that are not JSON (or `pretty: false`)
 * as they are.
 */
export function relayLogs(stdout: Readable, pretty: boolean): void {
  const lines = createInterface({ input: stdout, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (text) => {
    if (!pretty) {
      process.stdout.write(`${text}\n`);
      return;
    }
    let log: LogLine | undefined;
    try {
      log = JSON.parse(text) as LogLine;
    } catch {
      log = undefined;
    }
    if (!log || typeof log !== 'object') {
      process.stdout.write(`${text}\n`);
      return;
    }
    write(log.msg === 'request' ? prettyRequest(log) : prettyOther(log));
  });
}
