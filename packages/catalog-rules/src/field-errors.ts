import type { FieldError } from './http-problem.js';

/** What an Ajv error carries that the mapping reads (Ajv's ErrorObject, with `verbose: true`). */
export interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath?: string;
  readonly params?: Record<string, unknown>;
  readonly message?: string;
  readonly parentSchema?: Readonly<Record<string, unknown>>;
}

/** `/price` → `price`, `/a/b` → `a.b`; a missing or unknown property by its own name. */
function fieldName(issue: ValidationIssue): string | undefined {
  const fromPath = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const named = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  return [fromPath, typeof named === 'string' ? named : ''].filter(Boolean).join('.') || undefined;
}

/**
 * One entry per invalid field, in the wording clients see: a union (anyOf) with a description, such as
 * price, is reported by that description; otherwise the field's distinct failed rules are joined.
 * `fallbackName` names an issue about the whole value (a body that is not an object: `body`).
 */
export function fieldErrorsOf(issues: readonly ValidationIssue[], fallbackName = 'request'): FieldError[] {
  const byName = new Map<string, { union?: string; rules: string[] }>();
  for (const issue of issues) {
    const name = fieldName(issue) ?? fallbackName;
    const entry = byName.get(name) ?? { rules: [] };
    byName.set(name, entry);
    const description = issue.parentSchema?.description;
    const union = typeof description === 'string' ? description : undefined;
    if (issue.keyword === 'anyOf') entry.union ??= union;
    else if (issue.message && !entry.rules.includes(issue.message)) entry.rules.push(issue.message);
  }
  return [...byName].map(([name, { union, rules }]) => ({
    name,
    detail: union
      ? `must be ${union.charAt(0).toLowerCase()}${union.slice(1)}`
      : rules.join('; ') || 'is invalid',
  }));
}
