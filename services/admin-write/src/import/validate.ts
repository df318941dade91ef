import type { FastifySchemaCompiler } from 'fastify';
import { type Static, Type } from 'typebox';
import { ProductWriteSchema } from '../product-input.js';
import type { ImportRow, RowError, SourceRow } from './rows.js';

/**
 * One imported product: the fields and rules of POST/PUT (ProductWriteSchema) plus an optional `id`,
 * which names the product the row updates (an export's first column).
 */
export const ImportRowSchema = Type.Object(
  {
    id: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The product this row updates.' }),
    ),
    ...ProductWriteSchema.properties,
  },
  { additionalProperties: false },
);
type ImportRowValue = Static<typeof ImportRowSchema>;

export type RowValidator = (source: SourceRow) => { row: ImportRow } | { errors: RowError[] };

interface Issue {
  readonly keyword: string;
  readonly instancePath?: string;
  readonly params?: Record<string, unknown>;
  readonly message?: string;
  readonly parentSchema?: { readonly description?: string };
}

/**
 * Validates rows with the service's own body validator (the same Ajv, options and schema rules as the
 * JSON API), so an import accepts exactly what POST accepts. The compiler is the app's
 * (`app.validatorCompiler`).
 */
export function compileRowValidator(compile: FastifySchemaCompiler<unknown>): RowValidator {
  const validate = compile({
    schema: ImportRowSchema,
    method: 'POST',
    url: '/api/admin/products/import',
    httpPart: 'body',
  });
  return (source) => {
    if (validate(source.value) === true) {
      const { id, ...fields } = source.value as ImportRowValue;
      return { row: { row: source.row, id, fields } };
    }
    return { errors: describeIssues(source.row, (validate.errors ?? []) as Issue[]) };
  };
}

/** `/price` → price; a missing or unknown property by its name; the row itself when nothing narrower. */
function fieldOf(issue: Issue): string | undefined {
  const fromPath = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const named = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  const field = [fromPath, typeof named === 'string' ? named : ''].filter(Boolean).join('.');
  return field || undefined;
}

/**
 * One error per invalid field (DESIGN §4), in the kernel's wording for the JSON API: Ajv's message of
 * the field's first failed rule, or for a union with a description (price) that description.
 */
function describeIssues(row: number, issues: readonly Issue[]): RowError[] {
  const unions = new Map<string | undefined, string>();
  for (const issue of issues) {
    const description = issue.parentSchema?.description;
    if (issue.keyword === 'anyOf' && description) unions.set(fieldOf(issue), description);
  }
  const byField = new Map<string | undefined, RowError>();
  for (const issue of issues) {
    const field = fieldOf(issue);
    const union = unions.get(field);
    if (byField.has(field) || (union !== undefined && issue.keyword !== 'anyOf')) continue;
    const detail =
      union === undefined
        ? (issue.message ?? 'is invalid')
        : `must be ${union.charAt(0).toLowerCase()}${union.slice(1)}`;
    byField.set(field, { row, field, detail });
  }
  return [...byField.values()];
}
