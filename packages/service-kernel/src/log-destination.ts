import { type DestinationStream, pino } from 'pino';

/**
 * stdout for the services' pino loggers, asynchronous and buffered as pino's documentation suggests
 * for throughput: lines are written in chunks of at least 4 KiB, and at least every 100 ms so a quiet
 * service holds no line back. pino itself registers a synchronous flush (`flushSync`) of such a
 * destination on the process's 'exit' event, which Node emits on `process.exit` (a clean shutdown, the
 * shutdown deadline) and after an uncaught exception: no line is lost. log-destination.test.ts checks
 * every one of these exits. (`logger.flush(cb)` is no substitute: with sonic-boom 4 it can call back
 * while a line is still buffered.)
 */
export function createStdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });
}
