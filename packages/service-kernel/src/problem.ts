import { STATUS_CODES } from 'node:http';
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

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Throw this from a handler to answer with a problem document. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail?: string,
    readonly extras: { errors?: Problem['errors']; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? STATUS_CODES[status] ?? 'Error');
    this.name = 'HttpProblem';
  }
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail?: string,
  errors?: Problem['errors'],
): FastifyReply {
  const body: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** `/limit` or `querystring/limit` → `limit`; `body/price` → `price`. */
function parameterName(error: { instancePath?: string; params?: Record<string, unknown> }, context?: string) {
  const fromPath = (error.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = error.params?.missingProperty ?? error.params?.additionalProperty;
  const name = [fromPath, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.');
  return name || context || 'request';
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number] & {
  parentSchema?: { description?: string };
};

/**
 * One entry per invalid parameter or field: a union (anyOf) with a description is reported by that
 * description; otherwise the distinct failed rules of the field are joined.
 */
function describeValidation(issues: ValidationIssue[], context?: string): NonNullable<Problem['errors']> {
  const byName = new Map<string, { union?: string; rules: string[] }>();
  for (const issue of issues) {
    const name = parameterName(issue, context);
    const entry = byName.get(name) ?? { rules: [] };
    byName.set(name, entry);
    const description = issue.parentSchema?.description;
    if (issue.keyword === 'anyOf') entry.union ??= description;
    else if (issue.message && !entry.rules.includes(issue.message)) entry.rules.push(issue.message);
  }
  return [...byName].map(([name, { union, rules }]) => ({
    name,
    detail: union
      ? `must be ${union.charAt(0).toLowerCase()}${union.slice(1)}`
      : rules.join('; ') || 'is invalid',
  }));
}

/**
 * Every error leaves as problem+json. Client errors keep their message; server errors are logged with
 * their stack and answered with a generic detail, so no stack trace or SQL ever reaches a client.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpProblem) {
      if (error.extras.headers) reply.headers(error.extras.headers);
      return sendProblem(reply, error.status, error.message, error.extras.errors);
    }
    if (error.validation) {
      const errors = describeValidation(error.validation, error.validationContext);
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
