import type { ServiceInstance } from '@mystore/service-kernel';
import { isLosslessNumber, parse } from 'lossless-json';
import { charsetOf } from './media-type.js';

/**
 * A JSON number we refuse to read as a double: an exponent (`1e3`), more than two decimals, or an
 * integer beyond 2^53. Schema validation then rejects the field by name instead of a silently
 * rounded value ever reaching a price or a stock count.
 */
export class UnacceptableNumber {
  constructor(readonly text: string) {}
}

const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d{1,2})?$/;

function readNumber(text: string): number | UnacceptableNumber {
  if (!PLAIN_NUMBER.test(text)) return new UnacceptableNumber(text);
  const value = Number(text);
  return text.includes('.') || Number.isSafeInteger(value) ? value : new UnacceptableNumber(text);
}

/**
 * The API's only body parser: JSON, with the number rules above (lossless-json sees each number's
 * source text). Fastify's text/plain parser is removed, so any other media type is a 415. JSON is
 * UTF-8 (RFC 8259): a body declared in another charset is a 415 too, never decoded as if it were UTF-8.
 * An empty body is no body (a DELETE sent with `Content-Type: application/json`); a route whose schema
 * wants a body still refuses it.
 */
export function registerJsonBodyParser(app: ServiceInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      const detail = `A JSON body is UTF-8: send application/json (or application/json; charset=utf-8), not charset=${charset.slice(0, 40)}.`;
      done(Object.assign(new Error(detail), { statusCode: 415 }), undefined);
      return;
    }
    if (body === '') {
      done(null, undefined);
      return;
    }
    try {
      const parsed = parse(body as string, null, readNumber);
      done(null, parsed);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      done(
        Object.assign(new Error(`the body is not valid JSON: ${message}`), { statusCode: 400 }),
        undefined,
      );
    }
  });
}

export { isLosslessNumber };
