const formats = new Map<string, Intl.NumberFormat>();

/**
 * `19.99` in the shop's currency as the owner reads it (`$19.99`). Intl reads a numeric string as an
 * exact decimal, so no float ever rounds a price.
 */
export function formatPrice(price: string, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format.format(price as `${number}`);
}
