import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from './password.js';

export interface LocalSignIn {
  /** What admin-web needs besides its ports and admin-write's URL and token. */
  readonly env: {
    readonly ADMIN_PASSWORD_HASH: string;
    readonly SESSION_SECRET: string;
    readonly SESSION_COOKIE_SECURE: 'false';
  };
  /** The owner's password, to print. */
  readonly password: string;
  /** Where the password came from. */
  readonly source: 'ADMIN_PASSWORD' | 'generated' | 'kept';
  /** The file that keeps a generated password across runs. */
  readonly passwordFile: string;
}

/** A secret kept in DATA_DIR (created, readable by its owner only, on first use). */
function keptSecret(file: string, make: () => string): { value: string; created: boolean } {
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}

/**
 * The local run's sign-in (`npm start`): the password from ADMIN_PASSWORD, else one generated once and
 * kept in DATA_DIR/admin-password; the session secret kept in DATA_DIR/session-secret, so a restart
 * keeps the owner signed in; plain-HTTP cookies for http://localhost.
 */
export async function localSignIn(
  dataDir: string,
  adminPassword = process.env.ADMIN_PASSWORD,
): Promise<LocalSignIn> {
  mkdirSync(dataDir, { recursive: true });
  const passwordFile = path.join(dataDir, 'admin-password');
  const kept = adminPassword
    ? undefined
    : keptSecret(passwordFile, () => randomBytes(15).toString('base64url'));
  const password = adminPassword ?? kept!.value;
  const session = keptSecret(path.join(dataDir, 'session-secret'), () =>
    randomBytes(32).toString('base64url'),
  );
  return {
    env: {
      ADMIN_PASSWORD_HASH: await hashPassword(password),
      SESSION_SECRET: session.value,
      SESSION_COOKIE_SECURE: 'false',
    },
    password,
    source: adminPassword ? 'ADMIN_PASSWORD' : kept!.created ? 'generated' : 'kept',
    passwordFile,
  };
}
