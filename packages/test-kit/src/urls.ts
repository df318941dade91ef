import { createHash, randomBytes } from 'node:crypto';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** mysql://user:password@host:port/database with URL-encoded credentials. */
export function mysqlUrl(host: string, port: number, creds: Credentials, database = ''): string {
  const user = encodeURIComponent(creds.user);
  const password = encodeURIComponent(creds.password);
  const path = database ? `/${encodeURIComponent(database)}` : '';
  return `mysql://${user}:${password}@${host}:${port}${path}`;
}

export function randomPassword(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A password derived from a secret: every run against the same server sets the same password, so two
 * test workers sharing one server never invalidate each other's URLs.
 */
export function derivedPassword(secret: string, user: string): string {
  return createHash('sha256').update(`${secret}\0${user}`).digest('hex').slice(0, 32);
}

/** Backtick-quotes an identifier (schema names come from options). */
export function quoteId(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}
