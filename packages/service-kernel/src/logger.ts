import type { LoggerOptions } from 'pino';

/** Never logged: credentials in headers and any field that looks like a secret. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'secret',
  'authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  'config.ADMIN_TOKENS',
  'config.ADMIN_API_TOKEN',
  'config.SESSION_SECRET',
  'config.ADMIN_PASSWORD_HASH',
];

/** pino options: JSON lines to stdout in production, pretty output only for the local run. */
export function loggerOptions(options: { level: string; pretty: boolean; service: string }): LoggerOptions {
  return {
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(options.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
