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

/**
 * What a cardinality test checks, as a list of problems (empty when all is well): `burst` sends requests
 * with random values (pushing each into `tokens`) and returns the exposition after them. Over `rounds`
 * bursts the series of metrics starting with `prefixes` must stay the same (503s left out: load
 * shedding comes with the machine's load, not with the requests), every `expected` metric must have a
 * sample, and no label value may contain a random value.
 */
export async function cardinalityProblems(options: {
  readonly burst: (tokens: string[]) => Promise<string>;
  readonly prefixes: readonly string[];
  readonly expected: readonly string[];
  readonly rounds?: number;
}): Promise<{ problems: string[]; exposition: string }> {
  const tokens: string[] = [];
  const problems: string[] = [];
  let exposition = '';
  let first: Set<string> | undefined;
  for (let round = 0; round < (options.rounds ?? 3); round += 1) {
    exposition = await options.burst(tokens);
    const series = new Set(
      [...seriesOf(exposition, options.prefixes)].filter((line) => !line.includes('status_code="503"')),
    );
    first ??= series;
    for (const line of series)
      if (!first.has(line)) problems.push(`new series after burst ${round + 1}: ${line}`);
    for (const line of first)
      if (!series.has(line)) problems.push(`series gone after burst ${round + 1}: ${line}`);
  }
  for (const name of options.expected) {
    if (!new RegExp(`^${name}[{ ]`, 'm').test(exposition)) problems.push(`no sample of ${name}`);
  }
  const values = [...labelValuesOf(exposition)];
  for (const token of tokens) {
    if (values.some((label) => label.includes(token)))
      problems.push(`a label carries the random value ${token}`);
  }
  return { problems, exposition };
}
