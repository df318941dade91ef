// @jsxRuntime automatic
// @jsxImportSource preact
import { STATUS_CODES } from 'node:http';
import type { ServiceInstance } from '@mystore/service-kernel';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AdminApiUnavailable } from './admin-api/client.js';
import { contextOf, PAGE_RESPONSES, sendPage } from './page.js';
import { MessagePage } from './views/message.js';

const CSRF_ERRORS = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);
const RETRY_AFTER_SECONDS = '5';
const TO_PRODUCTS = { href: '/products', text: 'Go to the products' };

/** The 404 page, also for a product that does not exist. */
export function sendNotFound(
  request: FastifyRequest,
  reply: FastifyReply,
  what = 'This page does not exist.',
) {
  return sendPage(
    reply,
    <MessagePage context={contextOf(request, reply)} title="Not found" link={TO_PRODUCTS}>
      <p>{what}</p>
    </MessagePage>,
    404,
  );
}

function unavailablePage(request: FastifyRequest, reply: FastifyReply, error: AdminApiUnavailable) {
  request.log.warn({ operation: error.operation, reason: error.reason }, 'admin-write unavailable');
  const outcome = error.mayHaveApplied
    ? 'The change may or may not have been saved: look at the product before trying again. Submitting the same new-product form again never creates a second product.'
    : 'Nothing was changed. Please try again in a moment.';
  reply.header('retry-after', RETRY_AFTER_SECONDS);
  const again = { href: request.method === 'GET' ? request.url : '/products', text: 'Try again' };
  return sendPage(
    reply,
    <MessagePage context={contextOf(request, reply)} title="The catalog is not answering" link={again}>
      <p>The catalog service did not answer in time.</p>
      <p>{outcome}</p>
    </MessagePage>,
    503,
  );
}

/**
 * Every error of the console is a page, never a stack trace or problem JSON: the owner reads it in a
 * browser. An unreachable admin-write is a friendly 503; a missing or wrong CSRF token a 403 that
 * changed nothing; anything unexpected is logged and answered with a generic 500 page.
 */
export function registerErrorPages(app: ServiceInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AdminApiUnavailable) return unavailablePage(request, reply, error);
    const context = contextOf(request, reply);
    if (error.code && CSRF_ERRORS.has(error.code)) {
      request.log.warn({ code: error.code }, 'form refused: CSRF token missing or wrong');
      return sendPage(
        reply,
        <MessagePage context={context} title="This form has expired" link={TO_PRODUCTS}>
          <p>
            Nothing was changed: the form was too old or did not come from this console. Go back, reload the
            page and submit it again.
          </p>
        </MessagePage>,
        403,
      );
    }
    const status = error.validation ? 400 : (error.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      const what = error.validation
        ? 'The request was not understood; nothing was changed.'
        : status === 413
          ? 'That is more than the console accepts at once (an import file may hold up to 5 MiB by default); nothing was changed.'
          : error.message;
      return sendPage(
        reply,
        <MessagePage context={context} title={STATUS_CODES[status] ?? 'Request refused'} link={TO_PRODUCTS}>
          <p>{what}</p>
        </MessagePage>,
        status,
      );
    }
    request.log.error({ err: error }, 'request failed');
    return sendPage(
      reply,
      <MessagePage context={context} title="Something went wrong" link={TO_PRODUCTS}>
        <p>The console could not complete this request. It has been logged.</p>
      </MessagePage>,
      500,
    );
  });
  // The kernel owns the service's not-found handler (problem+json, one per prefix); pages answer a
  // path nobody serves with the 404 page through a catch-all route instead.
  app.route({
    method: ['GET', 'HEAD', 'POST'],
    url: '/*',
    schema: { response: PAGE_RESPONSES },
    handler: async (request, reply) => sendNotFound(request, reply),
  });
}
