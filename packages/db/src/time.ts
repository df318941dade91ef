/** ISO 8601 UTC from a mysql2 `Date` (timezone 'Z') or SQLite's `YYYY-MM-DD HH:MM:SS[.fff]` UTC text. */
export function toIsoUtc(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  const iso = value.includes('T') ? value : `${value.replace(' ', 'T')}`;
  const date = new Date(iso.endsWith('Z') ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`unparseable timestamp from the database: ${value}`);
  return date.toISOString();
}

/** Milliseconds since the epoch, from either representation. */
export function toEpochMs(value: Date | string): number {
  return Date.parse(toIsoUtc(value));
}
