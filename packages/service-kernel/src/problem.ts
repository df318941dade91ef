import { STATUS_CODES } from 'node:http';
import { databaseProblemOf, type FieldError, fieldErrorsOf, HttpProblem } from '@mystore/catalog-rules';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';

/** RFC 9457 problem details, the one error shape of every service. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    /** One entry per invalid parameter or field. */
    errors: Type.Optional(
      Type.Array(
        Type.Object({ name: Type.String(), detail: Type.String() }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: true },
);
export type Problem = Static<typeof ProblemSchema>;

export { HttpProblem };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail?: string,
  errors?: readonly FieldError[],
): FastifyReply {
  const body: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors: [...errors] } : {}),
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Every error leaves as problem+json. Client errors keep their message; server errors are logged with
 * their stack and answered with a generic detail, so no stack trace or SQL ever reaches a client.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) => {
    // Database errors are mapped here and nowhere else: a duplicate sku is 409, an unreachable database 503.
    const error = databaseProblemOf(thrown) ?? thrown;
    if (error instanceof HttpProblem) {
      if (error.extras.headers) reply.headers(error.extras.headers);
      return sendProblem(reply, error.status, error.message, error.extras.errors);
    }
    if (error.validation) {
      const errors = fieldErrorsOf(error.validation, error.validationContext);
      const where =
        error.validationContext === 'querystring' ? 'query parameter' : (error.validationContext ?? '');
      const names = [...new Set(errors.map((e) => e.name))].join(', ');
      return sendProblem(reply, 400, `invalid ${where}: ${names}`.replace(/\s+/g, ' '), errors);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, status, error.message);
    request.log.error({ err: error }, 'request failed');
    return sendProblem(
      reply,
      status >= 500 && status < 600 ? status : 500,
      'The server could not complete this request.',
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, `no route for ${request.method} ${request.url.split('?')[0]}`),
  );
}
