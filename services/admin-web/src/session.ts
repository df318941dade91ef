import csrfProtection from '@fastify/csrf-protection';
import flash from '@fastify/flash';
import secureSession from '@fastify/secure-session';
import type { ServiceInstance } from '@mystore/service-kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { seeOther } from './page.js';

declare module '@fastify/secure-session' {
  interface SessionData {
    /** When the owner signed in (ms since the epoch); absent for a visitor. */
    signedInAt: number;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request carries a valid owner session (sealed, within the idle and absolute limits). */
    signedIn: boolean;
  }
}

export interface SessionOptions {
  /** 32-byte keys, newest first: the first seals, all open (rotation). */
  readonly keys: readonly Buffer[];
  readonly secure: boolean;
  readonly idleMinutes: number;
  readonly maxHours: number;
}

/** `__Host-` binds the cookie to this host and path `/`; browsers allow the prefix on secure cookies only. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-mystore-admin' : 'mystore-admin');

/**
 * The session is a cookie sealed with libsodium's secretbox (@fastify/secure-session): nothing is stored
 * server-side, so every replica given the same keys reads it. It holds the sign-in time, the CSRF secret
 * and flash notices. Idle expiry is the library's (`expiry`, renewed on every signed-in request);
 * absolute expiry is checked here against the sign-in time.
 */
export async function registerSessions(app: ServiceInstance, options: SessionOptions): Promise<void> {
  await app.register(secureSession, {
    key: [...options.keys],
    cookieName: sessionCookieName(options.secure),
    expiry: options.idleMinutes * 60,
    cookie: { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secure },
  });
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/secure-session',
    // Forms carry the token in a hidden field; nothing else is read.
    getToken: (request) => {
      const token = (request.body as { _csrf?: unknown } | undefined)?._csrf;
      return typeof token === 'string' ? token : '';
    },
  });
  await app.register(flash);

  const maxAgeMs = options.maxHours * 3_600_000;
  app.decorateRequest('signedIn', false);
  app.addHook('onRequest', async (request) => {
    const signedInAt = request.session.get('signedInAt');
    if (typeof signedInAt !== 'number') return;
    if (Date.now() - signedInAt < maxAgeMs) {
      request.signedIn = true;
      request.session.touch();
    } else {
      // Past the absolute limit: everything goes, the CSRF secret too.
      request.session.regenerate();
    }
  });
}

/** A fresh session for the owner (a new CSRF secret: tokens from before sign-in stop working). */
export function startOwnerSession(request: FastifyRequest): void {
  request.session.regenerate();
  request.session.set('signedInAt', Date.now());
}

export function endSession(request: FastifyRequest): void {
  request.session.delete();
}

/** A local path to return to after sign-in; anything else (another site, `//host`) is ignored. */
export function safeReturnPath(path: string | undefined): string {
  return path && /^\/(?![/\\])[\x21-\x7E]*$/.test(path) && !path.startsWith('/sign-') ? path : '/products';
}

/**
 * Pages and actions for the owner only. A visitor asking for a page is sent to sign in and back; a
 * form posted after the session ended changes nothing and says so.
 */
export async function requireOwner(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (request.signedIn) return undefined;
  if (request.method === 'GET' || request.method === 'HEAD') {
    const next = safeReturnPath(request.url);
    return seeOther(reply, next === '/products' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  }
  request.flash('warning', 'Your session had ended, so nothing was changed. Sign in and try again.');
  return seeOther(reply, '/sign-in');
}
