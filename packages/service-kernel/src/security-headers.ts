import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet for services that answer with JSON only (the APIs), and the kernel's default. helmet's own
 * default Content-Security-Policy lists what an HTML page may load (scripts, styles, fonts, images);
 * a JSON body loads nothing, so its policy allows nothing and no framing (OWASP's REST Security Cheat
 * Sheet: `default-src 'none'; frame-ancestors 'none'`), with `X-Frame-Options: DENY` for browsers
 * without CSP. helmet's other headers stay as they are. Web apps pass their own policy.
 */
export const JSON_API_HELMET_OPTIONS: Readonly<HelmetOptions> = Object.freeze({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  frameguard: { action: 'deny' as const },
} satisfies HelmetOptions);

/**
 * Helmet's headers for a policy that does not depend on the request (no CSP nonces), computed once.
 * Running helmet's middleware chain on every request cost a third of an API's throughput; the headers
 * it sets are the same every time, so the service sets this object instead.
 */
export function staticSecurityHeaders(
  options: Readonly<HelmetOptions> = JSON_API_HELMET_OPTIONS,
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
