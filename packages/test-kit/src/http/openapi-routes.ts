import type { RecordedRoute } from './route-recorder.js';

interface Parameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
}

export interface OpenApiOperation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, unknown>> };
  readonly responses?: Readonly<
    Record<
      string,
      {
        readonly content?: Readonly<Record<string, unknown>>;
        readonly headers?: Readonly<Record<string, unknown>>;
      }
    >
  >;
}

/** The parts of an OpenAPI 3 document the tests read. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly servers?: readonly { readonly url: string }[];
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly components?: { readonly securitySchemes?: Readonly<Record<string, unknown>> };
}

type Schema = Readonly<Record<string, unknown>> & {
  readonly properties?: Readonly<Record<string, { readonly default?: unknown }>>;
  readonly required?: readonly string[];
  readonly content?: Readonly<Record<string, unknown>>;
  readonly type?: unknown;
  readonly hide?: boolean;
};

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `/products/:id` → `/products/{id}`, as OpenAPI writes a path template. */
const templateOf = (url: string) => url.replace(/:(\w+)/g, '{$1}');

const sorted = (values: Iterable<string>) => [...values].sort().join(', ');

/** What the route's schema says its parameters are: `query limit`, `header if-match (required)`. */
function schemaParameters(schema: Schema): string[] {
  const parameters: string[] = [];
  const add = (where: string, part: unknown, requiredAlways = false) => {
    const { properties = {}, required = [] } = (part ?? {}) as Schema;
    for (const [name, property] of Object.entries(properties)) {
      // A parameter with a default is optional to send.
      const needed = requiredAlways || (required.includes(name) && property.default === undefined);
      parameters.push(`${where} ${name.toLowerCase()}${needed ? ' (required)' : ''}`);
    }
  };
  add('query', schema.querystring);
  add('path', schema.params, true);
  add('header', schema.headers);
  return parameters;
}

/** The media types each response is documented with: problem+json for errors, the schema's own otherwise. */
function schemaResponses(schema: Schema): string[] {
  return Object.entries((schema.response ?? {}) as Record<string, Schema>).map(([status, response]) => {
    const types = /^[45]/.test(status)
      ? ['application/problem+json']
      : response.content
        ? Object.keys(response.content)
        : response.type === 'null'
          ? []
          : ['application/json'];
    return `${status.toUpperCase()} ${sorted(types)}`;
  });
}

function documentedResponses(operation: OpenApiOperation): string[] {
  return Object.entries(operation.responses ?? {}).map(
    ([status, response]) => `${status} ${sorted(Object.keys(response.content ?? {}))}`,
  );
}

/**
 * Where an OpenAPI document and the app's routes disagree: a route missing from the document (hidden
 * routes and the HEAD routes Fastify adds for each GET excepted), an operation no route serves, and
 * parameters, request body or responses (status and media types) other than the route's schema has.
 * Empty when they agree.
 */
export function documentMismatches(document: OpenApiDocument, routes: readonly RecordedRoute[]): string[] {
  const mismatches: string[] = [];
  const served = new Set<string>();
  for (const route of routes) {
    const schema = (route.schema ?? {}) as Schema;
    if (schema.hide || route.method === 'HEAD') continue;
    const path = templateOf(route.url);
    const method = route.method.toLowerCase();
    const where = `${route.method} ${path}`;
    served.add(`${method} ${path}`);
    const operation = document.paths[path]?.[method];
    if (!operation) {
      mismatches.push(`${where}: not in the document`);
      continue;
    }
    const documentedParameters = (operation.parameters ?? []).map(
      (parameter) =>
        `${parameter.in} ${parameter.name.toLowerCase()}${parameter.required ? ' (required)' : ''}`,
    );
    const compare = (what: string, documented: Iterable<string>, declared: Iterable<string>) => {
      if (sorted(documented) !== sorted(declared)) {
        mismatches.push(
          `${where}: ${what} documented as [${sorted(documented)}], declared as [${sorted(declared)}]`,
        );
      }
    };
    compare('parameters', documentedParameters, schemaParameters(schema));
    compare('responses', documentedResponses(operation), schemaResponses(schema));
    const body = schema.body as Schema | undefined;
    compare(
      'request body',
      Object.keys(operation.requestBody?.content ?? {}),
      body ? (body.content ? Object.keys(body.content) : ['application/json']) : [],
    );
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item).filter((key) => OPERATION_METHODS.includes(key))) {
      if (!served.has(`${method} ${path}`))
        mismatches.push(`${method.toUpperCase()} ${path}: no route serves it`);
    }
  }
  return mismatches;
}
