import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/**
 * Two validators: query strings, path parameters and headers are text, so they are coerced to the
 * schema's types ('5' → 5); bodies are JSON and are taken exactly as sent (a string is never a number).
 * Both reject unknown properties instead of dropping them, and report every invalid field at once.
 */
export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  // verbose: errors carry their schema, so a union can be reported by its description (problem.ts).
  const shared: Options = {
    removeAdditional: false,
    useDefaults: true,
    allErrors: true,
    strict: false,
    verbose: true,
  };
  const text = addFormats.default(new Ajv({ ...shared, coerceTypes: 'array' }));
  // multipleOf 0.01 on prices: tolerate binary floating point (0.29 / 0.01), not a third decimal.
  const json = addFormats.default(new Ajv({ ...shared, coerceTypes: false, multipleOfPrecision: 9 }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? json : text).compile(schema as object);
}
