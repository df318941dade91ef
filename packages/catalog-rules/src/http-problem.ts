import { STATUS_CODES } from 'node:http';

/** One invalid parameter or field of a request, by the name the client sent. */
export interface FieldError {
  readonly name: string;
  readonly detail: string;
}

/**
 * An answer in the one error shape of every service (RFC 9457 problem details): throw it from a route
 * or a rule, and the service kernel's error handler sends it as `application/problem+json`.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail?: string,
    readonly extras: { errors?: readonly FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? STATUS_CODES[status] ?? 'Error');
    this.name = 'HttpProblem';
  }
}

/** 400 for one invalid query parameter. */
export function invalidQueryParameter(name: string, detail: string): HttpProblem {
  return new HttpProblem(400, `invalid query parameter: ${name} (${detail})`, { errors: [{ name, detail }] });
}
