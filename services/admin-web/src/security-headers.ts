import type { ServiceOptions } from '@mystore/service-kernel';

/**
 * The console's headers (helmet, through the service kernel). Pages load nothing but their own
 * stylesheet: no scripts at all, no images, forms post only to this origin, and no site may frame them.
 * The Referer never leaves (URLs carry product ids and search words).
 */
export const ADMIN_WEB_HELMET_OPTIONS: NonNullable<ServiceOptions['helmet']> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};
