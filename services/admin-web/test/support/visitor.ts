import type { LightMyRequestResponse as Response } from 'fastify';
import { inject, OWNER_PASSWORD, type WebApp } from './stack.js';

/** The value of a hidden or text input named `name` in a page (the first one). */
export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  const value = tag && /value="([^"]*)"/.exec(tag)?.[1];
  return value
    ?.replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A browser in miniature for inject tests: it keeps cookies (as a browser would, by name), reads the
 * CSRF token from the last page, and posts forms as browsers do (urlencoded).
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  lastPage = '';

  constructor(
    private readonly app: WebApp,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    body?: { form?: Record<string, string>; raw?: { payload: string | Buffer; contentType: string } },
  ): Promise<Response> {
    const payload = body?.form ? new URLSearchParams(body.form).toString() : body?.raw?.payload;
    const contentType = body?.form ? 'application/x-www-form-urlencoded' : body?.raw?.contentType;
    const response = await inject(this.app, {
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        ...(this.cookies.size > 0 ? { cookie: this.cookieHeader } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(payload === undefined ? {} : { payload }),
    });
    this.#keepCookies(response);
    if (String(response.headers['content-type']).startsWith('text/html')) this.lastPage = response.body;
    return response;
  }

  /** Cookies as sent (values stay encoded, as a browser keeps them); an expired one is dropped. */
  #keepCookies(response: Response): void {
    const header = response.headers['set-cookie'];
    for (const line of header === undefined ? [] : Array.isArray(header) ? header : [header]) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const expires = attributes.find((a) => /^expires=/i.test(a))?.slice('expires='.length);
      const gone =
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        (expires !== undefined && new Date(expires).getTime() < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(name.length + 1));
    }
  }

  get(url: string): Promise<Response> {
    return this.request('GET', url);
  }

  /** Posts a form with the CSRF token of the last page (a form on that page, as a browser would). */
  post(url: string, form: Record<string, string> = {}): Promise<Response> {
    return this.request('POST', url, { form: { _csrf: this.csrf(), ...form } });
  }

  /** Posts a file as a browser's multipart form does, with the last page's CSRF token. */
  async upload(url: string, field: string, file: { name: string; content: string }): Promise<Response> {
    const form = new FormData();
    form.set('_csrf', this.csrf());
    form.set(field, new Blob([file.content], { type: 'text/csv' }), file.name);
    // Request serializes FormData exactly as fetch would send it.
    const encoded = new Request('http://admin.test/', { method: 'POST', body: form });
    const payload = Buffer.from(await encoded.arrayBuffer());
    return this.request('POST', url, { raw: { payload, contentType: encoded.headers.get('content-type')! } });
  }

  csrf(): string {
    const token = inputValue(this.lastPage, '_csrf');
    if (!token) throw new Error('the last page has no CSRF token');
    return token;
  }

  /** Follows a redirect (one hop) and returns the page it leads to. */
  async follow(response: Response): Promise<Response> {
    const location = response.headers.location;
    if (response.statusCode !== 303 || typeof location !== 'string') {
      throw new Error(`expected a 303, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
    }
    return this.get(location);
  }

  async signIn(password = OWNER_PASSWORD): Promise<Response> {
    await this.get('/sign-in');
    return this.post('/sign-in', { password });
  }
}
