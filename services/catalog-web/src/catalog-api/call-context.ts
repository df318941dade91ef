import { context, trace } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';

/** What a call to catalog-read carries from the request it serves. */
export interface CallContext {
  readonly requestId: string;
  readonly traceparent?: string;
  readonly tracestate?: string;
}

export function callContextOf(request: FastifyRequest): CallContext {
  const { traceparent, tracestate } = request.headers;
  return {
    requestId: request.id,
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
    ...(typeof tracestate === 'string' ? { tracestate } : {}),
  };
}

/**
 * Headers that tie a call to catalog-read to the request it serves. With tracing on, the undici
 * instrumentation writes `traceparent` for its own span (a copy here would send the header twice); with
 * tracing off, the incoming W3C trace context is passed on as it came, so the trace still spans both.
 */
export function propagationHeaders(call: CallContext): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': call.requestId };
  if (trace.getSpanContext(context.active()) === undefined) {
    if (call.traceparent) headers.traceparent = call.traceparent;
    if (call.tracestate) headers.tracestate = call.tracestate;
  }
  return headers;
}
