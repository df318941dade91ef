import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Type } from 'typebox';
import type { Notices, PageContext } from './views/layout.js';

const HTML = {
  description: 'An HTML page.',
  content: { 'text/html': { schema: Type.String() } },
};

/** Response schemas of a route that answers with a page (errors are pages too). */
export const PAGE_RESPONSES = { 200: HTML, '4xx': HTML, '5xx': HTML };
/** … of a form's target: a redirect after it worked (post/redirect/get), else the form again. */
export const ACTION_RESPONSES = {
  303: { description: 'See the page that shows the result.', ...Type.Null() },
  '4xx': HTML,
  '5xx': HTML,
};

/** What the layout needs: a CSRF token for the page's forms, who is signed in, and the flash notices. */
export function contextOf(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    csrf: reply.generateCsrf(),
    signedIn: request.signedIn,
    notices: reply.flash() as Notices,
  };
}

/**
 * Sends a server-rendered page. Preact escapes every text and attribute value; nothing here builds
 * HTML by hand. No page is ever stored by a cache: they hold the owner's data and CSRF tokens.
 */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** Post/redirect/get: the result page is fetched with GET, so a reload never repeats the action. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 303);
}
