/** Intl formatters by currency: building one is far costlier than using it. */
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A price as customers read it ("$1,234.50"), formatted from the API's exact decimal string: V8's
 * Intl.NumberFormat takes the string as a decimal (no float round-trip), so 99999999.99 stays exact.
 */
export function formatPrice(decimal: string, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(decimal as Intl.StringNumericLiteral);
}
