/**
 * Money is exact: a decimal string with two places ('19.99') in JSON and MySQL, integer cents in SQLite.
 * Never a float anywhere, so these conversions work on the digits.
 */

/** DECIMAL(10,2): at most 8 integer digits, at most 2 decimals, no sign, no exponent. */
const DECIMAL = /^(0|[1-9]\d{0,7})(?:\.(\d{1,2}))?$/;
export const MAX_PRICE = '99999999.99';

export function isValidPrice(value: string): boolean {
  return DECIMAL.test(value);
}

/** '19.9' → 1990. Throws RangeError for anything that is not a price DECIMAL(10,2) can hold exactly. */
export function decimalToCents(value: string): number {
  const match = DECIMAL.exec(value);
  if (!match)
    throw new RangeError(`not a price 0..${MAX_PRICE} with at most two decimals: ${JSON.stringify(value)}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 1990 → '19.90'. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`invalid cents: ${cents}`);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Canonical two-place form: '5' → '5.00', '0.5' → '0.50'. */
export function normalizeDecimal(value: string): string {
  return centsToDecimal(decimalToCents(value));
}
