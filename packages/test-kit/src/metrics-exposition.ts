/**
 * The series of a Prometheus text exposition whose names start with one of `prefixes` (the
 * application's own metrics: the runtime's, such as GC kinds, come and go on their own), without
 * their values: `name{label="value",…}`.
 */
export function seriesOf(exposition: string, prefixes: readonly string[]): Set<string> {
  const series = new Set<string>();
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#') || !prefixes.some((prefix) => line.startsWith(prefix))) continue;
    series.add(line.slice(0, line.lastIndexOf(' ')));
  }
  return series;
}

/** Every label value in the exposition, unescaped. */
export function labelValuesOf(exposition: string): Set<string> {
  const values = new Set<string>();
  for (const match of exposition.matchAll(/[a-zA-Z_]\w*="((?:[^"\\]|\\.)*)"/g)) {
    values.add(match[1]!.replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped)));
  }
  return values;
}
