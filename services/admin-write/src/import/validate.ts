import { fieldErrorsOf, ProductWriteSchema, type ValidationIssue } from '@mystore/catalog-rules';
import type { FastifySchemaCompiler } from 'fastify';
import { type Static, Type } from 'typebox';
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
    const issues = (validate.errors ?? []) as ValidationIssue[];
    return {
      errors: fieldErrorsOf(issues, '').map(({ name, detail }) => ({
        row: source.row,
        ...(name ? { field: name } : {}),
        detail,
      })),
    };
  };
}
