import { ConfigError, commonConfigSchema, loadConfig } from '@mystore/service-kernel';
import { type Static, Type } from 'typebox';
import { type AdminToken, parseAdminTokens } from './auth.js';

export const adminWriteConfigSchema = {
  ...commonConfigSchema,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8081 }),
  METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9465 }),
  /** The primary, with a DML user. */
  DATABASE_URL: Type.String({ minLength: 1 }),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** Comma-separated bearer tokens, each optionally named (`name:token`); several allow rotation. */
  ADMIN_TOKENS: Type.String({ minLength: 1 }),
  SHOP_CURRENCY: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
  /** Failed authentications a client may make per minute before 429. */
  AUTH_FAILURES_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /** Largest JSON body of ordinary routes. */
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 64 * 1024 }),
  /** Largest import file (a few thousand rows). */
  IMPORT_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 5 * 1024 * 1024 }),
  DB_QUERY_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 5000 }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  HEARTBEAT_INTERVAL_MS: Type.Integer({ minimum: 100, default: 1000 }),
};

export type AdminWriteConfig = Readonly<
  Static<ReturnType<typeof Type.Object<typeof adminWriteConfigSchema>>>
> & {
  readonly tokens: readonly AdminToken[];
};

export function loadAdminWriteConfig(env: NodeJS.ProcessEnv = process.env): AdminWriteConfig {
  const config = loadConfig(adminWriteConfigSchema, env);
  try {
    return Object.freeze({ ...config, tokens: parseAdminTokens(config.ADMIN_TOKENS) });
  } catch (error) {
    throw new ConfigError(`invalid configuration: ADMIN_TOKENS ${(error as Error).message}`);
  }
}
