import type { ServiceInstance } from '@mystore/service-kernel';
import { isLosslessNumber, parse } from 'lossless-json';

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

/** Parses JSON bodies with the number rules above (lossless-json sees each number's source text). */
export function registerJsonBodyParser(app: ServiceInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
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
