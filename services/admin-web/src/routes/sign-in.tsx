// @jsxRuntime automatic
// @jsxImportSource preact
import rateLimit from '@fastify/rate-limit';
import type { ServiceInstance } from '@mystore/service-kernel';
import { Type } from 'typebox';
import { ACTION_RESPONSES, contextOf, PAGE_RESPONSES, seeOther, sendPage } from '../page.js';
import { verifyPassword } from '../password.js';
import { endSession, safeReturnPath, startOwnerSession } from '../session.js';
import { SignInPage } from '../views/sign-in.js';
import type { PageOptions } from './options.js';

const SignInBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    password: Type.String({ maxLength: 1024 }),
    next: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);

/** Sign-in for the one owner account, and sign-out. */
export async function signInRoutes(app: ServiceInstance, options: PageOptions): Promise<void> {
  const { config, metrics } = options;
  // Every attempt counts, per client address (behind the ingress, TRUST_PROXY decides the address).
  await app.register(rateLimit, { global: false });
  const attempt = app.createRateLimit({
    max: config.SIGN_IN_ATTEMPTS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
  });

  app.get('/', { schema: { response: { 303: ACTION_RESPONSES[303] } } }, async (_request, reply) =>
    seeOther(reply, '/products'),
  );

  app.get(
    '/sign-in',
    {
      schema: {
        querystring: Type.Object(
          {
            next: Type.Optional(Type.String({ maxLength: 2048 })),
            signed_out: Type.Optional(Type.Literal('1')),
          },
          { additionalProperties: false },
        ),
        response: { ...PAGE_RESPONSES, 303: ACTION_RESPONSES[303] },
      },
    },
    async (request, reply) => {
      if (request.signedIn) return seeOther(reply, safeReturnPath(request.query.next));
      const context = contextOf(request, reply);
      // Signing out ends the session, so its notice cannot travel in the flash.
      const notices = request.query.signed_out
        ? { ...context.notices, success: ['You are signed out.'] }
        : context.notices;
      return sendPage(
        reply,
        <SignInPage context={{ ...context, notices }} next={safeReturnPath(request.query.next)} />,
      );
    },
  );

  app.post(
    '/sign-in',
    { preValidation: app.csrfProtection, schema: { body: SignInBody, response: ACTION_RESPONSES } },
    async (request, reply) => {
      const next = safeReturnPath(request.body.next);
      const limit = await attempt(request);
      if (!limit.isAllowed && limit.isExceeded) {
        metrics.signIns.inc({ result: 'limited' });
        request.log.warn({ client: request.ip }, 'sign-in refused: too many attempts');
        reply.header('retry-after', String(limit.ttlInSeconds));
        const error = `Too many sign-in attempts. Wait ${limit.ttlInSeconds} seconds and try again.`;
        return sendPage(
          reply,
          <SignInPage context={contextOf(request, reply)} next={next} error={error} />,
          429,
        );
      }
      if (!(await verifyPassword(request.body.password, config.passwordHash))) {
        metrics.signIns.inc({ result: 'failure' });
        request.log.warn({ client: request.ip }, 'sign-in failed: wrong password');
        const error = 'That password is not right.';
        return sendPage(
          reply,
          <SignInPage context={contextOf(request, reply)} next={next} error={error} />,
          401,
        );
      }
      metrics.signIns.inc({ result: 'success' });
      request.log.info({ client: request.ip }, 'owner signed in');
      startOwnerSession(request);
      request.flash('success', 'You are signed in.');
      return seeOther(reply, next);
    },
  );

  app.post(
    '/sign-out',
    {
      preValidation: app.csrfProtection,
      schema: {
        body: Type.Object({ _csrf: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
        response: ACTION_RESPONSES,
      },
    },
    async (request, reply) => {
      endSession(request);
      return seeOther(reply, '/sign-in?signed_out=1');
    },
  );
}
