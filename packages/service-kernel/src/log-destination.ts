import { type DestinationStream, pino } from 'pino';

/**
 * stdout for the services' pino loggers, buffered: sonic-boom gathers lines until 4 KiB (or 100 ms, so
 * a quiet service holds no line back) and writes them in one synchronous write. Synchronous, because an
 * asynchronous write still in flight when the process exits is written after, or never: the lines
 * buffered at exit would overtake it. They are written on the 'exit' event, which Node emits on
 * `process.exit` (a clean shutdown, the shutdown deadline) and after an uncaught exception.
 */
export function createStdoutDestination(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: 100 });
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // stdout is gone (EPIPE): nothing can be written.
    }
  });
  return destination;
}
