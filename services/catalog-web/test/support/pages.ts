import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type HTMLElement, parse } from 'node-html-parser';
import { expect } from 'vitest';

interface Injectable {
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** How long a request that load shedding refused is retried (a client would retry too). */
const SHED_RETRY_MS = 30_000;

/**
 * A GET through `inject`. On a busy 2-core machine an event loop can stall long enough for load
 * shedding (the service kernel's under-pressure) to answer 503 before any route ran: catalog-web's
 * own (problem+json) is always retried; catalog-read's (the "unavailable" page) unless `expect503`.
 */
export async function get(
  app: Injectable,
  url: string,
  headers: Record<string, string> = {},
  expect503 = false,
): Promise<LightMyRequestResponse> {
  const deadline = Date.now() + SHED_RETRY_MS;
  for (;;) {
    const response = await app.inject({ method: 'GET', url, headers });
    const shed =
      response.statusCode === 503 &&
      (!expect503 || String(response.headers['content-type']).includes('problem+json'));
    if (!shed || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A rendered page: status checked (a 503 is retried while another was expected), HTML parsed. */
export async function page(app: Injectable, url: string, status = 200): Promise<HTMLElement> {
  const response = await get(app, url, {}, status === 503);
  expect(response.statusCode, `${url}: ${response.body.slice(0, 500)}`).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  return parse(response.body);
}

/** Text of every match, whitespace collapsed. */
export function texts(root: HTMLElement, selector: string): string[] {
  return root.querySelectorAll(selector).map((element) => element.text.replace(/\s+/g, ' ').trim());
}

export function attribute(root: HTMLElement, selector: string, name: string): string | undefined {
  return root.querySelector(selector)?.getAttribute(name);
}
