import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/** What a schema with `additionalProperties: false` does with a query parameter it does not name. */
export type UnknownQueryParameters = 'reject' | 'ignore';

/**
 * Two validators: query strings, path parameters and headers are text, so they are coerced to the
 * schema's types ('5' → 5); bodies are JSON and are taken exactly as sent (a string is never a number).
 * Both reject unknown properties instead of dropping them, and report every invalid field at once.
 * With `unknownQuery: 'ignore'` (web pages: links carry `utm_source`, `gclid`…), ajv removes the query
 * parameters a closed schema does not name (its `removeAdditional`) and validates the rest as usual.
 */
export function validatorCompiler(
  unknownQuery: UnknownQueryParameters = 'reject',
): FastifySchemaCompiler<FastifySchema> {
  // verbose: errors carry their schema, so a union can be reported by its description (problem.ts).
  const shared: Options = {
    removeAdditional: false,
    useDefaults: true,
    allErrors: true,
    strict: false,
    verbose: true,
  };
  const text = addFormats.default(new Ajv({ ...shared, coerceTypes: 'array' }));
  const query =
    unknownQuery === 'ignore'
      ? addFormats.default(new Ajv({ ...shared, coerceTypes: 'array', removeAdditional: true }))
      : text;
  // multipleOf 0.01 on prices: tolerate binary floating point (0.29 / 0.01), not a third decimal.
  const json = addFormats.default(new Ajv({ ...shared, coerceTypes: false, multipleOfPrecision: 9 }));
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') return json.compile(schema as object);
    const ajv = httpPart === 'querystring' ? query : text;
    return plainNumbersOnly(ajv.compile(schema as object), schema as JsonSchema);
  };
}

interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
}

/** Number text as people write it: `1000`, `-2`, `19.99`; never `1e3`, `0x10`, ` 5` or `5.`. */
const PLAIN_INTEGER = /^-?\d+$/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

type ValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * ajv coerces any text JavaScript reads as a number (`1e3`, `0x10`, ` 5`), so `/products/1e3` would
 * be product 1000. Text bound for an integer or number property must be plain decimal digits; anything
 * else is reported as ajv reports a wrong type, before ajv coerces it.
 */
function plainNumbersOnly(validate: ValidateFunction, schema: JsonSchema): ValidateFunction {
  const numeric = Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
    property.type === 'integer' || property.type === 'number'
      ? [{ name, type: property.type, pattern: property.type === 'integer' ? PLAIN_INTEGER : PLAIN_NUMBER }]
      : [],
  );
  if (numeric.length === 0) return validate;
  const checked: ValidateFunction = (data) => {
    const values = data as Record<string, unknown> | null;
    for (const { name, type, pattern } of numeric) {
      const value = values?.[name];
      if (typeof value === 'string' && !pattern.test(value)) {
        checked.errors = [
          {
            instancePath: `/${name}`,
            schemaPath: `#/properties/${name}/type`,
            keyword: 'type',
            params: { type },
            message: `must be ${type}`,
          },
        ];
        return false;
      }
    }
    const valid = validate(data);
    checked.errors = validate.errors;
    return valid;
  };
  return checked;
}
