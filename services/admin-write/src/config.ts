import { DEFAULT_DATA_DIR, localAdminToken } from '@mystore/db';
import { adminWrite } from '@mystore/service-contract';
import { ConfigError, commonConfigSchema, listenerConfigSchema, loadConfig } from '@mystore/service-kernel';
import { type Static, Type } from 'typebox';
import { type AdminToken, parseAdminTokens } from './auth.js';

export const adminWriteConfigSchema = {
  ...commonConfigSchema,
  ...listenerConfigSchema(adminWrite),
  /** The primary, with a DML user (or the embedded SQLite file in DATA_DIR). */
  DATABASE_URL: Type.String({ minLength: 1, default: 'sqlite:catalog.db' }),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Comma-separated bearer tokens, each optionally named (`name:token`); several allow rotation.
   * Required with MySQL; on SQLite (the local run) the owner's token kept in DATA_DIR stands in.
   */
  ADMIN_TOKENS: Type.Optional(Type.String({ minLength: 1 })),
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

type Settings = Static<ReturnType<typeof Type.Object<typeof adminWriteConfigSchema>>>;

export type AdminWriteConfig = Readonly<Omit<Settings, 'ADMIN_TOKENS'>> & {
  /** As configured, or the local token file's `owner:<token>`. */
  readonly ADMIN_TOKENS: string;
  readonly tokens: readonly AdminToken[];
  /** Where the token came from when ADMIN_TOKENS is unset (the local run's token file). */
  readonly localTokenFile?: string;
};

export function loadAdminWriteConfig(env: NodeJS.ProcessEnv = process.env): AdminWriteConfig {
  const config = loadConfig(adminWriteConfigSchema, env);
  if (config.ADMIN_TOKENS === undefined) {
    if (!config.DATABASE_URL.startsWith('sqlite:')) {
      throw new ConfigError('invalid configuration: ADMIN_TOKENS is required');
    }
    const local = localAdminToken(config.DATA_DIR ?? DEFAULT_DATA_DIR);
    const ADMIN_TOKENS = `owner:${local.token}`;
    return Object.freeze({
      ...config,
      ADMIN_TOKENS,
      tokens: parseAdminTokens(ADMIN_TOKENS),
      localTokenFile: local.file,
    });
  }
  try {
    return Object.freeze({
      ...config,
      ADMIN_TOKENS: config.ADMIN_TOKENS,
      tokens: parseAdminTokens(config.ADMIN_TOKENS),
    });
  } catch (error) {
    throw new ConfigError(`invalid configuration: ADMIN_TOKENS ${(error as Error).message}`);
  }
}
