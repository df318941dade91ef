import type { LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, textOf, uniqueName } from './support/catalog.js';
import {
  type AdminWeb,
  adminWebEnv,
  OWNER_PASSWORD,
  OWNER_TOKEN,
  type Stack,
  startAdminWeb,
  startStack,
} from './support/stack.js';
import { inputValue, Visitor } from './support/visitor.js';

const COOKIE = '__Host-mystore-admin';

describe('admin-web security', () => {
  let stack: Stack;
  let api: ReturnType<typeof adminApi>;
  beforeAll(async () => {
    stack = await startStack({ SIGN_IN_ATTEMPTS_PER_MINUTE: '3' });
    api = adminApi(stack);
  });
  afterAll(async () => stack?.stop());

  async function signedIn(app = stack.web.app, address?: string): Promise<Visitor> {
    const owner = new Visitor(app, address);
    const response = await owner.signIn();
    expect(response.statusCode).toBe(303);
    return owner;
  }

  it('seals the session in an HttpOnly, SameSite=Strict, Secure host-only cookie', async () => {
    const visitor = new Visitor(stack.web.app, '10.0.0.10');
    const page = await visitor.get('/sign-in');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${COOKIE}=[^;]+; Path=/; HttpOnly; Secure; SameSite=Strict$`));
    // Sealed: neither the CSRF secret nor anything else is readable in it.
    expect(
      Buffer.from(decodeURIComponent(visitor.cookies.get(COOKIE)!), 'base64').toString('latin1'),
    ).not.toContain('_csrf');
  });

  it('sets a strict policy and no-store on every page, for visitors and the owner', async () => {
    const owner = await signedIn();
    const product = await api.create({ name: uniqueName('Header check'), price: '1.00' });
    const visitorPage = await new Visitor(stack.web.app, '10.0.0.11').get('/sign-in');
    const pages: Response[] = [visitorPage];
    for (const url of [
      '/products',
      '/products/new',
      `/products/${product.id}`,
      `/products/${product.id}/history`,
      `/products/${product.id}/deactivate`,
      '/import',
      '/export.csv',
      '/nowhere',
    ]) {
      pages.push(await owner.get(url));
    }
    for (const page of pages) {
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('script-src');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses a forged form post without the CSRF token, or with another session’s, and changes nothing', async () => {
    const owner = await signedIn();
    const product = await api.create({ name: uniqueName('Forgery target'), price: '1.00' });
    const attacker = await signedIn(stack.web.app, '10.0.0.12');
    await attacker.get('/products');
    const foreignToken = attacker.csrf();
    const before = await api.snapshot();

    const forged = await owner.request('POST', `/products/${product.id}/deactivate`, {
      form: { version: String(product.version) },
    });
    expect(forged.statusCode).toBe(403);
    expect(textOf(forged.body)).toContain('This form has expired');
    const foreign = await owner.request('POST', `/products/${product.id}/deactivate`, {
      form: { _csrf: foreignToken, version: String(product.version) },
    });
    expect(foreign.statusCode).toBe(403);
    const forgedCreate = await owner.request('POST', '/products', {
      form: { idempotency_key: 'forged-1', name: 'Forged', price: '1.00' },
    });
    expect(forgedCreate.statusCode).toBe(403);
    expect(await api.snapshot()).toEqual(before);

    // Sign-in itself needs the token (no signing a victim into an attacker's session).
    const visitor = new Visitor(stack.web.app, '10.0.0.13');
    const noToken = await visitor.request('POST', '/sign-in', { form: { password: OWNER_PASSWORD } });
    expect(noToken.statusCode).toBe(403);
  });

  it('signs out a tampered or foreign cookie', async () => {
    const owner = await signedIn();
    const sealed = owner.cookies.get(COOKIE)!;
    const bytes = Buffer.from(decodeURIComponent(sealed.split('%3B')[0]!), 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    owner.cookies.set(COOKIE, `${encodeURIComponent(bytes.toString('base64'))}%3B${sealed.split('%3B')[1]}`);
    const tampered = await owner.get('/products');
    expect(tampered.statusCode).toBe(303);
    expect(tampered.headers.location).toBe('/sign-in');

    owner.cookies.set(COOKIE, 'not-a-session');
    expect((await owner.get('/products')).headers.location).toBe('/sign-in');
  });

  it('refuses a wrong password, and limits sign-in attempts per client, even with the right password', async () => {
    const visitor = new Visitor(stack.web.app, '10.0.0.20');
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const wrong = await visitor.signIn('not the password');
      expect(wrong.statusCode).toBe(401);
      expect(textOf(wrong.body)).toContain('That password is not right.');
      expect(wrong.body).toContain('aria-describedby="password-error"');
    }
    expect((await visitor.get('/products')).headers.location).toBe('/sign-in');

    const limited = await visitor.signIn(OWNER_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(textOf(limited.body)).toMatch(/Too many sign-in attempts\. Wait \d+ seconds/);
    expect((await visitor.get('/products')).headers.location).toBe('/sign-in');

    // Another client is not affected.
    expect((await new Visitor(stack.web.app, '10.0.0.21').signIn()).statusCode).toBe(303);
    const metrics = await stack.web.registry.metrics();
    expect(metrics).toMatch(/mystore_admin_sign_ins_total\{result="failure"\} [3-9]/);
    expect(metrics).toMatch(/mystore_admin_sign_ins_total\{result="limited"\} [1-9]/);
  });

  it('returns only to local paths after sign-in', async () => {
    const targets = ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/sign-out'];
    for (const [index, next] of targets.entries()) {
      const visitor = new Visitor(stack.web.app, `10.0.1.${index}`);
      await visitor.get(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(inputValue(visitor.lastPage, 'next')).toBe('/products');
      const response = await visitor.post('/sign-in', { password: OWNER_PASSWORD, next });
      expect(response.headers.location).toBe('/products');
    }
  });

  it('signs out: the session ends and pages ask to sign in again', async () => {
    const owner = await signedIn(stack.web.app, '10.0.0.31');
    await owner.get('/products');
    const out = await owner.post('/sign-out');
    expect(out.headers.location).toBe('/sign-in?signed_out=1');
    expect(textOf((await owner.follow(out)).body)).toContain('You are signed out.');
    expect((await owner.get('/products')).headers.location).toBe('/sign-in');
  });

  describe('the admin token and the password', () => {
    let logged: string[];
    let web: AdminWeb;
    beforeAll(async () => {
      logged = [];
      web = await startAdminWeb(adminWebEnv(stack.apiUrl), { write: (line) => void logged.push(line) });
    });
    afterAll(async () => web?.app.close());

    it('never appear in a response, a page or a log line, whatever the owner does', async () => {
      const seen: string[] = [];
      const keep = (response: Response) => {
        seen.push(JSON.stringify(response.headers), response.body);
        return response;
      };
      const visitor = new Visitor(web.app, '10.0.0.40');
      keep(await visitor.signIn('a wrong password'));
      keep(await visitor.signIn());
      const owner = visitor;
      const product = await api.create({ name: uniqueName('Tour'), price: '1.00', stock_quantity: 1 });
      for (const url of [
        '/products',
        '/products?q=tour',
        '/products/new',
        `/products/${product.id}`,
        '/import',
        '/export.csv',
        '/nowhere',
      ]) {
        keep(await owner.get(url));
      }
      await owner.get('/products/new');
      keep(
        await owner.post('/products', {
          idempotency_key: 'tour-1',
          name: uniqueName('Tour made'),
          price: '2.00',
        }),
      );
      keep(await owner.post('/products', { idempotency_key: 'tour-2', name: '', price: 'x' }));
      const page = keep(await owner.get(`/products/${product.id}`));
      keep(
        await owner.post(`/products/${product.id}/stock`, {
          idempotency_key: inputValue(page.body, 'idempotency_key')!,
          delta: '-5',
        }),
      );
      keep(await owner.get(`/products/${product.id}/deactivate`));
      keep(await owner.post(`/products/${product.id}/deactivate`, { version: String(product.version) }));
      keep(await owner.get(`/products/${product.id}/history`));
      keep(
        await owner.upload('/import', 'file', {
          name: 'tour.csv',
          content: 'name,price\nTour import,1.00\n',
        }),
      );
      keep(await owner.post('/sign-out'));

      expect(seen.length).toBeGreaterThan(15);
      for (const text of seen) expect(text).not.toContain(OWNER_TOKEN);
      expect(logged.length).toBeGreaterThan(15);
      for (const line of logged) {
        expect(line).not.toContain(OWNER_TOKEN);
        expect(line).not.toContain(OWNER_PASSWORD);
        expect(line).not.toContain('a wrong password');
      }
    });
  });
});
