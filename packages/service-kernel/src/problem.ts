import { STATUS_CODES } from 'node:http';
import { databaseProblemOf, type FieldError, fieldErrorsOf, HttpProblem } from '@mystore/catalog-rules';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
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
    if (status >= 400 && status < 500) return sendProblem(reply, status, clientErrorDetail(error, request));
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
  // OPTIONS routes come from plugins (CORS preflight), which answer some errors as plain text.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('OPTIONS')) route.onSend = [...hooksOf(route.onSend), plainErrorsAsProblems];
  });
}

/** The media types a route's body may have: its schema's `content` keys, else JSON (the default parser). */
function acceptedMediaTypes(request: FastifyRequest): string[] {
  const body = request.routeOptions.schema?.body as { content?: Record<string, unknown> } | undefined;
  return body?.content ? Object.keys(body.content) : ['application/json'];
}

/** Fastify's texts for its own client errors, said so that a person knows what to change. */
function clientErrorDetail(error: FastifyError, request: FastifyRequest): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const sent = request.headers['content-type']?.split(';')[0]?.trim().slice(0, 100);
      const accepted = acceptedMediaTypes(request).join(' or ');
      return sent
        ? `The body's media type ${sent} is not accepted here: send ${accepted}.`
        : `The body has no Content-Type: send ${accepted}.`;
    }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The body is larger than the ${request.routeOptions.bodyLimit} bytes accepted here.`;
    default:
      return error.message;
  }
}

type OnSendHook = onSendHookHandler<unknown>;

function hooksOf(hooks: OnSendHook | OnSendHook[] | undefined): OnSendHook[] {
  if (!hooks) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

/** What a plugin's text error on an OPTIONS request means (@fastify/cors: "Invalid Preflight Request"). */
const OPTIONS_DETAILS: Readonly<Record<number, string>> = {
  400: 'An OPTIONS request here is a CORS preflight: it needs the Origin and Access-Control-Request-Method headers.',
};

/** An error a plugin answered as text leaves as problem+json, like every other error. */
const plainErrorsAsProblems: OnSendHook = (request, reply, payload, done) => {
  const type = String(reply.getHeader('content-type') ?? '');
  if (reply.statusCode < 400 || type.startsWith(PROBLEM_CONTENT_TYPE)) return done(null, payload);
  const status = reply.statusCode;
  const text = typeof payload === 'string' ? payload : '';
  const problem: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: (request.method === 'OPTIONS' ? OPTIONS_DETAILS[status] : undefined) ?? (text || undefined),
  };
  reply.type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  done(null, JSON.stringify(problem));
};
