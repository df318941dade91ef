export type OptionValue = string | number | boolean;
export type Options = Readonly<Record<string, OptionValue>>;

/** mysqld treats '-' and '_' alike in option names; normalize so overrides replace defaults. */
export function normalizeKey(key: string): string {
  return key.trim().replaceAll('-', '_');
}

/** Defaults first, then overrides (later keys win after normalization). */
export function mergeOptions(...layers: (Options | undefined)[]): Map<string, OptionValue> {
  const merged = new Map<string, OptionValue>();
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) merged.set(normalizeKey(key), value);
  }
  return merged;
}

/**
 * One option-file line: `true` is the bare flag (`log_bin`, `skip_name_resolve`), `false` the `skip-` form;
 * `1` would be wrong for options with optional values (`log_bin=1` names the binlog "1").
 */
export function cnfLine(key: string, value: OptionValue): string {
  if (value === true) return key;
  if (value === false) return `skip-${key}`;
  return `${key}=${value}`;
}

/** The same as a command-line flag, for containers. */
export function cliFlag(key: string, value: OptionValue): string {
  return `--${cnfLine(key, value)}`;
}
