import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type AdminWeb,
  adminWebEnv,
  SESSION_SECRET,
  type Stack,
  startAdminWeb,
  startStack,
} from './support/stack.js';
import { Visitor } from './support/visitor.js';

const COOKIE = '__Host-mystore-admin';
const MINUTE = 60_000;

/** A visitor of `to` carrying the cookies `from` was given (one browser, two replicas behind a Service). */
function sameBrowser(from: Visitor, to: AdminWeb): Visitor {
  const visitor = new Visitor(to.app);
  for (const [name, value] of from.cookies) visitor.cookies.set(name, value);
  return visitor;
}

describe('admin-web sessions', () => {
  let stack: Stack;
  const others: AdminWeb[] = [];
  beforeAll(async () => {
    stack = await startStack({ SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '1' });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await Promise.all(others.map((web) => web.app.close()));
    await stack?.stop();
  });

  async function replica(overrides: Record<string, string> = {}): Promise<AdminWeb> {
    const web = await startAdminWeb(adminWebEnv(stack.apiUrl, overrides));
    others.push(web);
    return web;
  }

  it('is accepted by another admin-web process with the same SESSION_SECRET, and refused by one without', async () => {
    const first = new Visitor(stack.web.app);
    await first.follow(await first.signIn());
    const second = sameBrowser(first, await replica());
    const page = await second.get('/products');
    expect(page.statusCode).toBe(200);
    // A form from one replica posts to the other: the CSRF secret travels in the sealed cookie.
    await second.get('/products/new');
    const posted = await first.request('POST', '/sign-out', { form: { _csrf: second.csrf() } });
    expect(posted.statusCode).toBe(303);

    const again = new Visitor(stack.web.app);
    await again.signIn();
    const stranger = sameBrowser(again, await replica({ SESSION_SECRET: randomBytes(32).toString('hex') }));
    expect((await stranger.get('/products')).headers.location).toBe('/sign-in');
  });

  it('rotates keys: a new first secret still opens cookies sealed with the old one, and reseals them', async () => {
    const owner = new Visitor(stack.web.app);
    await owner.signIn();
    const oldCookie = owner.cookies.get(COOKIE);
    const rotated = await replica({ SESSION_SECRET: `${randomBytes(32).toString('hex')},${SESSION_SECRET}` });
    const onRotated = sameBrowser(owner, rotated);
    expect((await onRotated.get('/products')).statusCode).toBe(200);
    expect(onRotated.cookies.get(COOKIE)).not.toBe(oldCookie);
    // Resealed with the new key: a replica that only knows the old key cannot open it.
    const back = sameBrowser(onRotated, stack.web);
    expect((await back.get('/products')).headers.location).toBe('/sign-in');
  });

  it('ends after the idle limit without requests', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const owner = new Visitor(stack.web.app);
    await owner.signIn();
    vi.setSystemTime(Date.now() + 29 * MINUTE);
    expect((await owner.get('/products')).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 29 * MINUTE);
    expect((await owner.get('/products')).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 31 * MINUTE);
    expect((await owner.get('/products')).headers.location).toBe('/sign-in');
  });

  it('ends at the absolute limit however busy the owner is', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const owner = new Visitor(stack.web.app);
    await owner.signIn();
    for (let minutes = 20; minutes < 60; minutes += 20) {
      vi.setSystemTime(Date.now() + 20 * MINUTE);
      expect((await owner.get('/products')).statusCode).toBe(200);
    }
    vi.setSystemTime(Date.now() + 21 * MINUTE);
    expect((await owner.get('/products')).headers.location).toBe('/sign-in');
  });

  it('uses a plain cookie (no Secure, no __Host- prefix) only when SESSION_COOKIE_SECURE is false', async () => {
    const local = new Visitor((await replica({ SESSION_COOKIE_SECURE: 'false' })).app);
    const page = await local.get('/sign-in');
    expect(String(page.headers['set-cookie'])).toMatch(
      /^mystore-admin=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    await local.signIn();
    expect((await local.get('/products')).statusCode).toBe(200);
  });
});
