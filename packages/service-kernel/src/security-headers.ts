import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers for a policy that does not depend on the request (no CSP nonces), computed once.
 * Running helmet's middleware chain on every request cost a third of an API's throughput; the headers
 * it sets are the same every time, so the service sets this object instead.
 */
export function staticSecurityHeaders(
  options: Readonly<HelmetOptions> = {},
): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let completed = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    completed = true;
  });
  // Every helmet middleware is synchronous for static options; anything else needs @fastify/helmet.
  if (!completed) throw new Error('helmet did not complete synchronously: use per-request security headers');
  return Object.freeze(headers);
}
