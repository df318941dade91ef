import { trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { tracingStarted } from './tracing-config.js';

/** Where finished lines go: the destination the service's pino logger writes to. */
export interface LineSink {
  write(line: string): void;
  /** A line of ASCII characters only: a sink that encodes to UTF-8 can copy it as it is. */
  writeAscii?(line: string): void;
}

/** pino's number for `info` (the services keep pino's default levels). */
const INFO = 30;
/** Every request line starts with this (pino's key order). */
const LINE_START = `{"level":${INFO},"time":`;

/** Characters JSON must escape (quote, backslash, controls) and lone surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes.
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Anything but printable ASCII, and the two printable characters JSON escapes (quote, backslash). */
const NOT_PLAIN_ASCII = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A JSON string literal. Plain strings (nearly every URL, id and address) are quoted as they are;
 * anything else goes through JSON.stringify. The check costs a fifth of a JSON.stringify call.
 */
export function jsonString(value: string): string {
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * Milliseconds with two decimals, from integer hundredths (`toFixed(2)`'s decimal conversion was about
 * a tenth of the request line's instructions under callgrind). JSON has no NaN: a missing duration is
 * null, as JSON.stringify would write it.
 */
export function durationText(elapsedMs: number): string {
  if (!Number.isFinite(elapsedMs)) return 'null';
  // Never negative in practice; toFixed keeps such a value right all the same.
  if (elapsedMs < 0) return elapsedMs.toFixed(2);
  const hundredths = Math.round(elapsedMs * 100);
  const fraction = hundredths % 100;
  return `${(hundredths - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** Writes the line of one finished request. */
export type RequestLine = (request: FastifyRequest, reply: FastifyReply, elapsedMs: number) => void;

/**
 * The one line logged per request, in the shape of the service logger's own lines (`level`, `time`,
 * `service`, the fields, `msg`) and written to the same destination. Per request it costs a third of
 * what one `JSON.stringify` of the same object costs (~0.4 vs ~1.3 µs here), and that in turn half of
 * pino's key-by-key building (pino's write was ~6 % of a cache hit's CPU): the keys are fixed text and
 * only the values are serialized (strings as `jsonString` would). Its fields are primitives chosen here
 * (no headers, no bodies), so there is nothing to redact. Without a sink (pretty output for the
 * local run) the line goes through the logger itself.
 *
 * Request ids must be the kernel's (`requestIdOf`: plain, or 32 hex digits) and methods are the tokens
 * Node's HTTP parser accepts (`http.METHODS`): neither is tested for characters to escape.
 */
export function createRequestLine(
  service: string,
  logger: Pick<Logger, 'isLevelEnabled' | 'info'>,
  sink: LineSink | undefined,
): RequestLine {
  const traced = tracingStarted();
  const afterTime = `,"service":${JSON.stringify(service)},"reqId":`;
  // The fast path's lines are ASCII when this fixed text is: the sink can then skip their UTF-8
  // encoding (a pass over every character).
  const plainIsAscii = PRINTABLE_ASCII.test(afterTime);
  // Dozens of requests share a millisecond: its text is made once.
  let lastTime = 0;
  let lastTimeText = '0';
  return (request, reply, elapsedMs) => {
    // Checked per request: a logger's level can be changed while the service runs.
    if (!logger.isLevelEnabled('info')) return;
    // 'finish' listeners run in the request's context: the active span belongs to its trace.
    const span = traced ? trace.getActiveSpan()?.spanContext() : undefined;
    const traceFlags = span && `0${span.traceFlags.toString(16)}`.slice(-2);
    const ip: string | undefined = request.ip;
    if (!sink) {
      // Pretty output (the local run): pino formats the line and adds its own level, time and service.
      const fields = {
        reqId: request.id,
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        durationMs: Math.round(elapsedMs * 100) / 100,
        remoteAddress: ip,
        trace_id: span?.traceId,
        span_id: span?.spanId,
        trace_flags: traceFlags,
      };
      logger.info(fields, 'request');
      return;
    }
    const id = request.id;
    const method = request.method;
    const url = request.url;
    const time = Date.now();
    if (time !== lastTime) {
      lastTime = time;
      lastTimeText = String(time);
    }
    const duration = durationText(elapsedMs);
    const ids = span
      ? `,"trace_id":"${span.traceId}","span_id":"${span.spanId}","trace_flags":"${traceFlags}"`
      : '';
    // The id and the method are plain ASCII by construction (see createRequestLine); the URL and the
    // address (a client's X-Forwarded-For text behind a trusted proxy) nearly always are, and then each
    // value is written between the quotes of the fixed text. The address is missing once the client
    // has gone; JSON.stringify would leave such a field out too.
    if (!NOT_PLAIN_ASCII.test(url) && (ip === undefined || !NOT_PLAIN_ASCII.test(ip))) {
      const address = ip === undefined ? '' : `,"remoteAddress":"${ip}"`;
      const line = `${LINE_START}${lastTimeText}${afterTime}"${id}","method":"${method}","url":"${url}","statusCode":${reply.statusCode},"durationMs":${duration}${address}${ids},"msg":"request"}\n`;
      if (plainIsAscii && sink.writeAscii) sink.writeAscii(line);
      else sink.write(line);
      return;
    }
    const address = ip === undefined ? '' : `,"remoteAddress":${jsonString(ip)}`;
    sink.write(
      `${LINE_START}${lastTimeText}${afterTime}${jsonString(id)},"method":${jsonString(method)},"url":${jsonString(url)},"statusCode":${reply.statusCode},"durationMs":${duration}${address}${ids},"msg":"request"}\n`,
    );
  };
}
