import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@mystore/service-kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAdminWebConfig } from '../src/config.js';
import { localSignIn } from '../src/local-run.js';
import { hashPassword, parsePasswordHash, verifyPassword } from '../src/password.js';
import { adminWebEnv, PASSWORD_HASH } from './support/stack.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHEAP = { logN: 10, r: 8, p: 1 };

describe('admin-web configuration', () => {
  it('reads a complete environment, with defaults for the rest', () => {
    const config = loadAdminWebConfig(adminWebEnv('http://admin-write:8081'));
    expect(config).toMatchObject({
      PORT: 3001,
      METRICS_PORT: 9467,
      SESSION_COOKIE_SECURE: true,
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
      SIGN_IN_ATTEMPTS_PER_MINUTE: 5,
    });
    expect(config.sessionKeys).toHaveLength(1);
    expect(config.sessionKeys[0]).toHaveLength(32);
  });

  it('derives the same keys from the same secrets (every replica), newest first', () => {
    const secrets = `${'n'.repeat(40)}, ${'o'.repeat(40)}`;
    const one = loadAdminWebConfig(adminWebEnv('http://a:1', { SESSION_SECRET: secrets }));
    const two = loadAdminWebConfig(adminWebEnv('http://a:1', { SESSION_SECRET: secrets }));
    expect(one.sessionKeys).toHaveLength(2);
    expect(one.sessionKeys).toEqual(two.sessionKeys);
    expect(one.sessionKeys[0]).not.toEqual(one.sessionKeys[1]);
  });

  it('stops with a message naming each bad variable, never its value', () => {
    const secret = 'short-secret-value';
    const attempt = () =>
      loadAdminWebConfig({
        ...adminWebEnv('ftp://admin-write'),
        SESSION_SECRET: `${'x'.repeat(40)},${secret}`,
        ADMIN_PASSWORD_HASH: 'plain-text-password',
        ADMIN_API_TOKEN: undefined,
      });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })()!;
    expect(message).toContain('ADMIN_API_URL');
    expect(message).toContain('ADMIN_API_TOKEN is required');
    expect(message).not.toContain('plain-text-password');

    const later = () =>
      loadAdminWebConfig({
        ...adminWebEnv('http://a:1'),
        SESSION_SECRET: `${'x'.repeat(40)},${secret}`,
        ADMIN_PASSWORD_HASH: 'plain',
      });
    expect(later).toThrow(
      /SESSION_SECRET entries must each be at least 32 characters; ADMIN_PASSWORD_HASH must be \$scrypt\$/,
    );
    expect(later).not.toThrow(new RegExp(secret));
  });
});

describe('owner password hashes', () => {
  it('verifies the right password only, with the cost read from the hash', async () => {
    const hash = await hashPassword('pässwörd one', CHEAP);
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const parsed = parsePasswordHash(hash);
    expect(await verifyPassword('pässwörd one', parsed)).toBe(true);
    // The same text in another Unicode form is the same password.
    expect(await verifyPassword('pa\u0308sswo\u0308rd one', parsed)).toBe(true);
    expect(await verifyPassword('pässwörd two', parsed)).toBe(false);
    expect(await hashPassword('pässwörd one', CHEAP)).not.toBe(hash);
    expect(() =>
      parsePasswordHash(
        '$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      ),
    ).toThrow(/out of range/);
    expect(parsePasswordHash(PASSWORD_HASH).logN).toBe(10);
  });

  it('`npm run hash-password` prints a hash of the password on its standard input (at the default cost)', async () => {
    const run = spawnSync('npm', ['run', '-s', 'hash-password'], {
      cwd: ROOT,
      input: 'a long enough password\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const hash = run.stdout.trim();
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    expect(await verifyPassword('a long enough password', parsePasswordHash(hash))).toBe(true);

    const short = spawnSync('npm', ['run', '-s', 'hash-password'], {
      cwd: ROOT,
      input: 'short',
      encoding: 'utf8',
    });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('use at least 12 characters');
    expect(short.stdout).toBe('');
  }, 90_000);
});

describe('the local run’s sign-in (npm start)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'admin-web-local-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a password once and keeps it, with the session secret, in DATA_DIR', async () => {
    const first = await localSignIn(dataDir, undefined);
    expect(first.source).toBe('generated');
    expect(first.password.length).toBeGreaterThanOrEqual(16);
    expect(readFileSync(first.passwordFile, 'utf8').trim()).toBe(first.password);
    expect(statSync(first.passwordFile).mode & 0o777).toBe(0o600);
    const second = await localSignIn(dataDir, undefined);
    expect(second.source).toBe('kept');
    expect(second.password).toBe(first.password);
    expect(second.env.SESSION_SECRET).toBe(first.env.SESSION_SECRET);
    expect(await verifyPassword(first.password, parsePasswordHash(second.env.ADMIN_PASSWORD_HASH))).toBe(
      true,
    );
    // What it gives is a configuration admin-web accepts.
    expect(
      loadAdminWebConfig({ ...adminWebEnv('http://127.0.0.1:8081'), ...second.env }).SESSION_COOKIE_SECURE,
    ).toBe(false);
  }, 60_000);

  it('uses ADMIN_PASSWORD when given', async () => {
    const given = await localSignIn(dataDir, 'chosen by the owner');
    expect(given.source).toBe('ADMIN_PASSWORD');
    expect(
      await verifyPassword('chosen by the owner', parsePasswordHash(given.env.ADMIN_PASSWORD_HASH)),
    ).toBe(true);
  }, 60_000);
});
