import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ProblemSchema } from './problem.js';

/** An API's entry point: what it is and where its collections and its OpenAPI document are. */
export const ApiIndexSchema = Type.Object(
  {
    title: Type.String(),
    description: Type.String(),
    links: Type.Record(Type.String(), Type.String(), {
      description: 'Paths on this server by name; `{id}` stands for a product id.',
    }),
  },
  { additionalProperties: false },
);

export interface ApiIndex {
  /** Where the index is, e.g. `/api/v1`; `/` answers the same. */
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly links: Readonly<Record<string, string>>;
}

/**
 * `GET <path>` answers a small JSON index, and so does `GET /`: what a person opening the server's
 * root finds. `/` is the same answer, so only `<path>` is an operation of the document.
 */
export function registerApiIndex(app: FastifyInstance, index: ApiIndex): void {
  const body = { title: index.title, description: index.description, links: { ...index.links } };
  const schema = {
    querystring: Type.Object({}, { additionalProperties: false }),
    response: { 200: ApiIndexSchema, '4xx': ProblemSchema, '5xx': ProblemSchema },
  };
  app.get(
    index.path,
    {
      schema: {
        operationId: 'getApiIndex',
        tags: ['index'],
        summary: 'Links to the collections and the OpenAPI document',
        description: 'Where to start: each link is a path on this server.',
        ...schema,
      },
    },
    async () => body,
  );
  app.get('/', { schema: { hide: true, ...schema } }, async () => body);
}
