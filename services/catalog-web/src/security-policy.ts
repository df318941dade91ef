import type { ServiceOptions } from '@mystore/service-kernel';

type HelmetOptions = NonNullable<ServiceOptions['helmet']>;

/**
 * The storefront's Content-Security-Policy: its own stylesheet, and images from itself or any https
 * host (a product's `image_url` may be absolute); no script at all, nothing inline, no plugins, no
 * framing, forms and requests only back to the storefront. helmet's other headers stay as they are.
 */
export const STOREFRONT_HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'https:'],
      scriptSrc: ["'none'"],
      // Nothing on the page fetches; tools that read the site from inside a page (Lighthouse reads
      // robots.txt that way) need same-origin requests.
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
};
