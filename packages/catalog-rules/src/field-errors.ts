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

/** `must be <description>`, from a schema description written as a sentence ("Text of 1..255 …"). */
const mustBe = (description: string) =>
  `must be ${description.charAt(0).toLowerCase()}${description.slice(1)}`;

/**
 * One entry per invalid field, in the wording clients see: a field whose schema has a description
 * (a union such as price, or a rule such as name's) is reported by that description, so a person reads
 * one sentence rather than a regular expression; otherwise the field's distinct failed rules are joined.
 * `fallbackName` names an issue about the whole value (a body that is not an object: `body`).
 */
export function fieldErrorsOf(issues: readonly ValidationIssue[], fallbackName = 'request'): FieldError[] {
  const byName = new Map<string, { described?: string; rules: string[] }>();
  for (const issue of issues) {
    const name = fieldName(issue) ?? fallbackName;
    const entry = byName.get(name) ?? { rules: [] };
    byName.set(name, entry);
    const description = issue.parentSchema?.description;
    // A missing or unknown property's schema is the object's, which does not describe the field.
    const aboutTheField =
      issue.params?.missingProperty === undefined && issue.params?.additionalProperty === undefined;
    if (typeof description === 'string' && aboutTheField) {
      // A union's own description wins over those of its branches.
      if (issue.keyword === 'anyOf' || entry.described === undefined) entry.described = description;
    } else if (issue.message && !entry.rules.includes(issue.message)) entry.rules.push(issue.message);
  }
  return [...byName].map(([name, { described, rules }]) => ({
    name,
    detail: described ? mustBe(described) : rules.join('; ') || 'is invalid',
  }));
}
