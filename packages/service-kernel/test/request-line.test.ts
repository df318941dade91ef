import { METHODS } from 'node:http';
import fc from 'fast-check';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { PLAIN_REQUEST_ID, requestIdOf } from '../src/request-id.js';
import { createRequestLine, durationText, jsonString } from '../src/request-line.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

interface Exchange {
  id: string;
  method: string;
  url: string;
  ip: string | undefined;
  statusCode: number;
}

/** Printable ASCII, then the closing newline. */
const ASCII = /^[\x20-\x7e]*\n$/;

/** A sink that records each line, and which method received it. */
function recordingSink() {
  const lines: { line: string; ascii: boolean }[] = [];
  return {
    lines,
    write: (line: string) => void lines.push({ line, ascii: false }),
    writeAscii: (line: string) => void lines.push({ line, ascii: true }),
  };
}

/** The request line of one exchange, as the service's destination receives it. */
function lineFor(exchange: Exchange, elapsedMs: number): string {
  const sink = recordingSink();
  const logger = pino({ level: 'info' }, { write: () => undefined });
  const log = createRequestLine('catalog "read"', logger, sink);
  const { statusCode, ...request } = exchange;
  log(request as unknown as FastifyRequest, { statusCode } as FastifyReply, elapsedMs);
  expect(sink.lines).toHaveLength(1);
  const { line, ascii } = sink.lines[0]!;
  // Only ASCII text may skip UTF-8 encoding.
  if (ascii) expect(line).toMatch(ASCII);
  return line;
}

/** What JSON.stringify makes of the same fields: the reference the hand-built line must equal. */
function reference(exchange: Exchange, elapsedMs: number) {
  return JSON.parse(
    JSON.stringify({
      level: 30,
      service: 'catalog "read"',
      reqId: exchange.id,
      method: exchange.method,
      url: exchange.url,
      statusCode: exchange.statusCode,
      durationMs: Math.round(elapsedMs * 100) / 100,
      remoteAddress: exchange.ip,
      msg: 'request',
    }),
  );
}

describe('jsonString', () => {
  it('is a JSON string literal of any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(JSON.parse(jsonString(value))).toBe(value);
      }),
      { numRuns: RUNS },
    );
    for (const value of ['"', '\\', '\n', '\u0000', '\u001f', '\ud800', 'a\udc00b', '😀', '']) {
      expect(JSON.parse(jsonString(value))).toBe(value);
    }
  });

  it('quotes plain strings as they are', () => {
    expect(jsonString('/api/v1/products?category=Kitchen')).toBe('"/api/v1/products?category=Kitchen"');
  });
});

describe('durationText', () => {
  it('writes milliseconds with two decimals, as toFixed(2) would up to the rounding of the last digit', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true }), (ms) => {
        const text = durationText(ms);
        expect(text).toMatch(/^-?\d+\.\d\d$/);
        expect(Math.abs(Number(text) - ms)).toBeLessThanOrEqual(0.005 + Math.abs(ms) * 1e-12);
        expect(Math.abs(Number(text) - Number(ms.toFixed(2)))).toBeLessThanOrEqual(0.0100001);
      }),
      { numRuns: RUNS },
    );
    expect([0, 0.004, 0.005, 0.07, 1, 9.999, 12.345, 100.5].map(durationText)).toEqual([
      '0.00',
      '0.00',
      '0.01',
      '0.07',
      '1.00',
      '10.00',
      '12.35',
      '100.50',
    ]);
    expect([Number.NaN, Number.POSITIVE_INFINITY].map(durationText)).toEqual(['null', 'null']);
  });
});

describe('the request line', () => {
  it('has the fields JSON.stringify would write, in order, whatever the client sent', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    // The ids the kernel makes from whatever x-request-id a client sends (or none).
    const id = fc
      .option(fc.oneof(text, fc.stringMatching(PLAIN_REQUEST_ID)), { nil: undefined })
      .map((header) => requestIdOf({ headers: { 'x-request-id': header } }));
    fc.assert(
      fc.property(
        fc.record({
          id,
          method: fc.constantFrom(...METHODS),
          url: text,
          ip: fc.option(text, { nil: undefined }),
          statusCode: fc.integer({ min: 100, max: 599 }),
        }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (exchange, elapsedMs) => {
          const line = lineFor(exchange, elapsedMs);
          expect(line.endsWith('\n')).toBe(true);
          expect(line.slice(0, -1)).not.toContain('\n');
          const { time, durationMs, ...fields } = JSON.parse(line);
          expect(typeof time).toBe('number');
          // Two decimals, however the last digit is rounded.
          expect(Math.abs(durationMs - elapsedMs)).toBeLessThanOrEqual(0.005 + elapsedMs * 1e-12);
          const { durationMs: _rounded, ...expected } = reference(exchange, elapsedMs);
          expect(fields).toEqual(expected);
          expect(Object.keys(JSON.parse(line)).filter((key) => key !== 'time')).toEqual(
            Object.keys(reference(exchange, elapsedMs)),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('hands plain lines to the sink as ASCII, and any other line as text to encode', () => {
    const sink = recordingSink();
    const logger = pino({ level: 'info' }, { write: () => undefined });
    const send = (service: string, url: string) => {
      const request = { id: 'r-1', method: 'GET', url, ip: '10.0.0.1' };
      createRequestLine(service, logger, sink)(
        request as FastifyRequest,
        { statusCode: 200 } as FastifyReply,
        1,
      );
      return sink.lines.at(-1)!;
    };
    expect(send('catalog-read', '/api/v1/products?q=caf%C3%A9').ascii).toBe(true);
    // A URL Node decoded from raw bytes above 0x7f, or one with a quote, takes the escaping path.
    expect(send('catalog-read', '/api/v1/products?q=caf\u00e9')).toMatchObject({ ascii: false });
    expect(send('catalog-read', '/api/v1/products?q="x"')).toMatchObject({ ascii: false });
    // A service name outside ASCII makes every line text to encode.
    const named = send('café', '/api/v1/products');
    expect(named.ascii).toBe(false);
    expect(JSON.parse(named.line).service).toBe('café');
    // A sink without writeAscii gets every line through write.
    const lines: string[] = [];
    createRequestLine('catalog-read', logger, { write: (line) => void lines.push(line) })(
      { id: 'r-2', method: 'GET', url: '/x', ip: undefined } as unknown as FastifyRequest,
      { statusCode: 200 } as FastifyReply,
      1,
    );
    expect(lines).toHaveLength(1);
  });

  it('leaves out a missing address and writes a missing duration as null', () => {
    const exchange = { id: 'r-1', method: 'GET', url: '/x', ip: undefined, statusCode: 200 };
    const parsed = JSON.parse(lineFor(exchange, Number.NaN));
    expect(parsed).not.toHaveProperty('remoteAddress');
    expect(parsed.durationMs).toBeNull();
    expect(JSON.parse(lineFor(exchange, 1.005)).durationMs).toBeCloseTo(1, 1);
    expect(JSON.parse(lineFor(exchange, 12.345)).durationMs).toBeCloseTo(12.35, 2);
  });
});
