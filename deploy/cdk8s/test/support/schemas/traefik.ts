import { object, resource, strings } from './common.js';

/**
 * Traefik v3's Middleware (traefik.io/v1alpha1, the CRD in Traefik's docs/content/reference/
 * dynamic-configuration/traefik.io_middlewares.yaml), the two middlewares the app uses. The
 * @kubernetes-models/traefik that installs on Node 20 is Traefik v2's schema (`ipWhiteList`, no
 * `ipAllowList`), so it cannot check these.
 */
const ipStrategy = object({ depth: { type: 'integer' }, excludedIPs: strings });

export const MIDDLEWARE_SCHEMA = resource('traefik.io/v1alpha1', 'Middleware', {
  ...object({
    ipAllowList: object({ sourceRange: strings, ipStrategy, rejectStatusCode: { type: 'integer' } }),
    rateLimit: object({
      average: { type: 'integer', minimum: 0 },
      burst: { type: 'integer', minimum: 0 },
      period: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
      sourceCriterion: object({
        ipStrategy,
        requestHeaderName: { type: 'string' },
        requestHost: { type: 'boolean' },
      }),
    }),
  }),
  // One middleware per object, as Traefik configures them.
  minProperties: 1,
  maxProperties: 1,
});
