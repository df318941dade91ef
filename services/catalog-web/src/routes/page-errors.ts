import { fieldErrorsOf, HttpProblem } from '@mystore/catalog-rules';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { CatalogUnavailableError } from '../catalog-api/errors.js';
import { BadRequestPage, NotFoundPage, UnavailablePage } from '../pages/error-pages.js';
import { renderDocument } from '../pages/render.js';
import type { Shop } from '../shop.js';
import { sendUncachedPage } from './send-page.js';

/** Seconds a customer (or a crawler) is asked to wait before trying again after a 503 page. */
const RETRY_AFTER_SECONDS = '5';

/**
 * Errors of page routes as pages: catalog-read unavailable → 503, an unknown product or address → 404,
 * a listing address the catalog's rules refuse → 400 naming each parameter. Anything else goes on to
 * the service kernel's handler (logged, answered 500 without details).
 */
export function pageErrorHandler(shop: Shop) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof CatalogUnavailableError) {
      request.log.warn({ err: error }, 'catalog unavailable: answered with the 503 page');
      reply.header('retry-after', RETRY_AFTER_SECONDS);
      return sendUncachedPage(
        reply,
        503,
        renderDocument(h(UnavailablePage, { shop, retryHref: request.url })),
      );
    }
    const validation = (error as FastifyError).validation;
    if (validation) {
      const context = (error as FastifyError).validationContext;
      if (context === 'params')
        return sendUncachedPage(reply, 404, renderDocument(h(NotFoundPage, { shop })));
      const errors = fieldErrorsOf(validation, context);
      return sendUncachedPage(reply, 400, renderDocument(h(BadRequestPage, { shop, errors })));
    }
    if (error instanceof HttpProblem && error.status === 404) {
      return sendUncachedPage(reply, 404, renderDocument(h(NotFoundPage, { shop })));
    }
    if (error instanceof HttpProblem && error.status === 400) {
      const errors = error.extras.errors ?? [];
      return sendUncachedPage(reply, 400, renderDocument(h(BadRequestPage, { shop, errors })));
    }
    throw error;
  };
}
