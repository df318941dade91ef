import { DEFAULT_SHUTDOWN_TIMEOUT_MS, type ServiceContract } from '@mystore/service-contract';
import envSchema from 'env-schema';
import { type Static, type TObject, type TProperties, Type } from 'typebox';

/** Settings every service reads (DESIGN §6). Services extend this with their own. */
export const commonConfigSchema = {
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  /** Pretty, human-readable logs: for the local run only. */
  LOG_PRETTY: Type.Boolean({ default: false }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: DEFAULT_SHUTDOWN_TIMEOUT_MS }),
  /** 'false' | 'true' | hop count | comma-separated addresses/CIDRs to trust for X-Forwarded-For. */
  TRUST_PROXY: Type.String({ default: 'false', pattern: '^(false|true|\\d+|[0-9a-fA-F.:/,\\s]+)$' }),
};

/** PORT and METRICS_PORT with the service's local defaults from the service contract (the manifests use it too). */
export function listenerConfigSchema(service: Pick<ServiceContract, 'port' | 'localMetricsPort'>) {
  return {
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: service.port }),
    METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: service.localMetricsPort }),
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates the environment against a TypeBox object schema once, at start-up, and freezes the result.
 * Errors name the variable (`PORT must be <= 65535`); values are never echoed, since some are secrets.
 */
export function loadConfig<P extends TProperties>(
  properties: P,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<Static<TObject<P>>> {
  const schema = Type.Object(properties);
  try {
    const data = envSchema<Static<TObject<P>>>({ schema, data: env, dotenv: false });
    return Object.freeze({ ...data }) as Readonly<Static<TObject<P>>>;
  } catch (error) {
    const problems = (error as Error).message
      .split(', ')
      .map((part) =>
        part.replace(/^env\//, '').replace(/^(env )?must have required property '(\w+)'/, '$2 is required'),
      );
    throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
  }
}

/** Fastify's `trustProxy` from TRUST_PROXY. */
export function parseTrustProxy(value: string): boolean | number | string {
  const trimmed = value.trim();
  if (trimmed === 'false' || trimmed === '') return false;
  if (trimmed === 'true') return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/** Comma-separated list → array, ignoring blanks. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
