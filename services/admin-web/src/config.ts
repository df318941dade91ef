import { hkdfSync } from 'node:crypto';
import { adminWeb } from '@mystore/service-contract';
import {
  ConfigError,
  commonConfigSchema,
  listenerConfigSchema,
  loadConfig,
  splitList,
} from '@mystore/service-kernel';
import { type Static, Type } from 'typebox';
import { type PasswordHash, parsePasswordHash } from './password.js';

export const adminWebConfigSchema = {
  ...commonConfigSchema,
  ...listenerConfigSchema(adminWeb),
  /** admin-write's base URL, e.g. http://admin-write:8081 (in-cluster). */
  ADMIN_API_URL: Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' }),
  /** The bearer token admin-web calls admin-write with; it never reaches a browser. */
  ADMIN_API_TOKEN: Type.String({ minLength: 16, pattern: '^\\S+$' }),
  /** Deadline of one call to admin-write (headers, then the body). */
  ADMIN_API_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 5000 }),
  /** Deadline of an import (a few thousand rows in one transaction). */
  ADMIN_API_IMPORT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 60_000 }),
  /** The owner's password as `npm run hash-password` prints it (scrypt, PHC string format). */
  ADMIN_PASSWORD_HASH: Type.String({ minLength: 1 }),
  /**
   * Comma-separated secrets of at least 32 characters (`openssl rand -base64 32`), the same on every
   * replica. The first seals new cookies; all of them open cookies, so a new key goes first and the
   * old one stays until sessions sealed with it have expired.
   */
  SESSION_SECRET: Type.String({ minLength: 32 }),
  /** Secure cookies (HTTPS only). Off only for the local run on http://localhost. */
  SESSION_COOKIE_SECURE: Type.Boolean({ default: true }),
  /** A session unused this long is over. */
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 30 }),
  /** A session is over this long after sign-in, however busy. */
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, maximum: 7 * 24, default: 12 }),
  /** Sign-in attempts per client address per minute (TRUST_PROXY decides the address). */
  SIGN_IN_ATTEMPTS_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  /** Stock at or below this is highlighted in the product list. */
  LOW_STOCK_THRESHOLD: Type.Integer({ minimum: 0, default: 5 }),
  /** Products per list page. */
  PAGE_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  /** Largest CSV upload; admin-write's own limit is 5 MiB. */
  IMPORT_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024, default: 5 * 1024 * 1024 }),
  SHOP_CURRENCY: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
};

export type AdminWebConfig = Readonly<Static<ReturnType<typeof Type.Object<typeof adminWebConfigSchema>>>> & {
  /** Session keys (32 bytes each) derived from SESSION_SECRET, newest first. */
  readonly sessionKeys: readonly Buffer[];
  readonly passwordHash: PasswordHash;
};

const MIN_SECRET_LENGTH = 32;

/**
 * A 32-byte key (libsodium's secretbox key size) from one secret. HKDF keeps the secret's entropy, so
 * every replica given the same secret derives the same key.
 */
function sessionKeyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', 'mystore admin-web session v1', 32));
}

export function loadAdminWebConfig(env: NodeJS.ProcessEnv = process.env): AdminWebConfig {
  const config = loadConfig(adminWebConfigSchema, env);
  const problems: string[] = [];
  const secrets = splitList(config.SESSION_SECRET);
  if (secrets.some((secret) => secret.length < MIN_SECRET_LENGTH)) {
    problems.push(`SESSION_SECRET entries must each be at least ${MIN_SECRET_LENGTH} characters`);
  }
  let passwordHash: PasswordHash | undefined;
  try {
    passwordHash = parsePasswordHash(config.ADMIN_PASSWORD_HASH);
  } catch (error) {
    problems.push(`ADMIN_PASSWORD_HASH ${(error as Error).message}`);
  }
  if (problems.length > 0 || !passwordHash) {
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze({ ...config, sessionKeys: secrets.map(sessionKeyOf), passwordHash });
}
