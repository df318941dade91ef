import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type HTMLElement, parse } from 'node-html-parser';
import { expect } from 'vitest';

interface Injectable {
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** The 503 of load shedding (service kernel): nothing ran, so a client would retry. */
function wasShed(response: LightMyRequestResponse): boolean {
  return (
    response.statusCode === 503 && response.headers['content-type']?.toString().includes('problem+json') === true
  );
}

/**
 * A GET through `inject`, retried while load shedding refuses it: on a busy 2-core machine the event
 * loop can stall long enough for under-pressure to answer before any route ran.
 */
export async function get(
  app: Injectable,
  url: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await app.inject({ method: 'GET', url, headers });
    if (!wasShed(response) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A rendered page: status checked, HTML parsed. */
export async function page(app: Injectable, url: string, status = 200): Promise<HTMLElement> {
  const response = await get(app, url);
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
