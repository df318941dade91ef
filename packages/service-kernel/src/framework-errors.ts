import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem, sendProblem } from './problem.js';

/** What the framework errors below say; Fastify's own texts name internals (`url component`). */
const FRAMEWORK_DETAILS: Readonly<Record<string, (request: FastifyRequest) => string>> = {
  FST_ERR_BAD_URL: () =>
    'The path is not a valid URL: a % must start an escape of two hex digits (%20), and escapes must ' +
    'spell UTF-8.',
  FST_ERR_MAX_PARAM_LENGTH: (request) =>
    `A part of the path is longer than ${request.server.initialConfig.maxParamLength ?? 100} characters.`,
};

/**
 * Fastify's `frameworkErrors`: errors found while routing (a bad percent-escape, an over-long path
 * parameter), before any hook runs. They get the headers the onRequest hooks would have set.
 */
export function frameworkErrorHandler(securityHeaders: Readonly<Record<string, string>>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(securityHeaders).header('x-request-id', request.id);
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const detail = FRAMEWORK_DETAILS[error.code ?? '']?.(request);
    if (!detail) request.log.error({ err: error }, 'framework error');
    sendProblem(reply, status, detail ?? 'The server could not complete this request.');
  };
}

interface ClientErrorAnswer {
  readonly status: number;
  readonly detail: string;
}

/** A chunk that starts a request line and holds no line end: the line itself is what overflowed. */
const UNFINISHED_REQUEST_LINE = /^[A-Z]+ [^\n]*$/;

/** Node's parser errors (llhttp codes) → the answer; anything else is a 400 naming the parser's reason. */
function answerFor(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer; reason?: string },
): ClientErrorAnswer {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW': {
      // Node counts the request line and the headers against one limit (maxHeaderSize).
      const start = error.rawPacket?.toString('latin1', 0, 16 * 1024) ?? '';
      return UNFINISHED_REQUEST_LINE.test(start)
        ? { status: 414, detail: 'The URL is longer than this server accepts.' }
        : { status: 431, detail: 'The request headers are larger than this server accepts.' };
    }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, detail: 'The chunk extensions of the body are larger than this server accepts.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, detail: 'The request did not arrive in time.' };
    case 'HPE_INVALID_URL':
      return {
        status: 400,
        detail:
          'The URL holds a character that must be percent-encoded (a control byte, a space, or a non-ASCII byte).',
      };
    default:
      return {
        status: 400,
        detail: `The request is not valid HTTP/1.1${error.reason ? ` (${error.reason.replace(/\.$/, '')})` : ''}.`,
      };
  }
}

/** A complete HTTP/1.1 response with a problem+json body, for a socket that has no request object. */
export function rawProblemResponse(
  status: number,
  detail: string,
  headers: Readonly<Record<string, string>>,
): string {
  const problem: Problem = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
  const body = JSON.stringify(problem);
  const lines = [
    `HTTP/1.1 ${status} ${problem.title}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Fastify's `clientErrorHandler` (Node's 'clientError' event): requests Node's parser refuses before
 * Fastify sees them (431, an over-long URL, a raw invalid byte, bad framing). No request object exists,
 * so the response is written to the socket: problem+json with the security headers, then the
 * connection is closed.
 */
export function clientErrorHandler(securityHeaders: Readonly<Record<string, string>>) {
  return function onClientError(this: FastifyInstance, error: Error, socket: Socket): void {
    const code = (error as NodeJS.ErrnoException).code;
    // A reset connection has nobody to answer.
    if (code === 'ECONNRESET' || socket.destroyed) return;
    const answer = answerFor(error);
    this.log.debug({ code, status: answer.status }, 'client error');
    // As Node's own handler: never write into a response that has started (the peer would be corrupted).
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy(error);
      return;
    }
    socket.end(rawProblemResponse(answer.status, answer.detail, securityHeaders), () => socket.destroy());
  };
}
