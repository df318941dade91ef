// Brings `app.swagger()` into the type of every service that registers its document here.
/// <reference types="@fastify/swagger" preserve="true" />
import { STATUS_CODES } from 'node:http';
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

export interface OpenApiSettings {
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  /** Every tag the operations use, with what it groups. */
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  /** The port the service listens on: the default of the document's `servers` entry. */
  readonly port: number;
  /** Every operation needs `Authorization: Bearer <token>`; the text says which token. */
  readonly bearerAuth?: string;
}

type JsonSchema = Readonly<Record<string, unknown>> & {
  readonly properties?: Readonly<Record<string, { readonly default?: unknown }>>;
  readonly required?: readonly string[];
  readonly description?: string;
  readonly content?: unknown;
};

/** A parameter with a default is optional to send, whatever the validator's `required` says. */
function defaultsOptional(querystring: JsonSchema): JsonSchema {
  const required = querystring.required?.filter(
    (name) => querystring.properties?.[name]?.default === undefined,
  );
  const { required: _, ...rest } = querystring;
  return required?.length ? { ...rest, required } : rest;
}

const isError = (status: string) => /^[45]/.test(status) || status === 'default';

function responseDescription(status: string): string {
  if (status === '4xx') return 'A client error, as problem details (RFC 9457).';
  if (status === '5xx' || status === 'default') return 'A server error, as problem details (RFC 9457).';
  return `${STATUS_CODES[status] ?? 'Success'}.`;
}

/** Errors are documented as what they are, `application/problem+json`; every response says what it is. */
function documentResponse(status: string, response: JsonSchema): JsonSchema {
  const description = response.description ?? responseDescription(status);
  if (isError(status) && !response.content) {
    return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: response } } };
  }
  return response.description ? response : { ...response, description };
}

/** The route's schema as the document shows it; the route itself keeps its schema unchanged. */
export function documentedSchema(schema: FastifySchema): FastifySchema {
  const documented: Record<string, unknown> = { ...schema };
  if (schema.querystring) documented.querystring = defaultsOptional(schema.querystring as JsonSchema);
  if (schema.response) {
    documented.response = Object.fromEntries(
      Object.entries(schema.response as Record<string, JsonSchema>).map(([status, response]) => [
        status,
        documentResponse(status, response),
      ]),
    );
  }
  return documented as FastifySchema;
}

/**
 * @fastify/swagger with what every service's document shares: `servers`, a contact, problem+json
 * errors, optional parameters marked optional, and (for admin APIs) bearer authentication. Each
 * route's schema gives its `operationId`, `tags`, `summary` and `description`.
 */
export async function registerOpenApi(app: FastifyInstance, settings: OpenApiSettings): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { ...settings.info, contact: { name: 'mystore catalog maintainers' } },
      servers: [
        {
          url: 'http://{host}',
          description: 'The service itself; behind an ingress, use its URL.',
          variables: { host: { default: `localhost:${settings.port}`, description: 'Host and port.' } },
        },
      ],
      tags: settings.tags.map((tag) => ({ ...tag })),
      ...(settings.bearerAuth
        ? {
            components: {
              securitySchemes: {
                bearer: { type: 'http' as const, scheme: 'bearer', description: settings.bearerAuth },
              },
            },
            security: [{ bearer: [] }],
          }
        : {}),
    },
    transform: ({ schema, url }) => ({ schema: schema && documentedSchema(schema), url }),
  });
}
