import path from 'node:path';
import { DEFAULT_DATA_DIR } from '@mystore/db';
import { adminWeb, adminWrite, catalogRead, catalogWeb } from '@mystore/service-contract';

/** A port `npm start` listens on, with the variable that moves it (named in every message about it). */
export interface PortSetting {
  readonly variable: string;
  readonly port: number;
}

export interface StartSettings {
  readonly host: string;
  readonly dataDir: string;
  /** The user's ADMIN_TOKEN, if set; otherwise the token kept in DATA_DIR is used. */
  readonly adminToken: string | undefined;
  /** The owner's console password (ADMIN_PASSWORD), if set; otherwise one kept in DATA_DIR is used. */
  readonly adminPassword: string | undefined;
  /** False: the services' JSON log lines as they are (for jq or a log shipper). */
  readonly prettyLogs: boolean;
  readonly ports: {
    readonly catalogWeb: PortSetting;
    readonly catalogWebMetrics: PortSetting;
    readonly adminWeb: PortSetting;
    readonly adminWebMetrics: PortSetting;
    readonly catalogRead: PortSetting;
    readonly catalogReadMetrics: PortSetting;
    readonly adminWrite: PortSetting;
    readonly adminWriteMetrics: PortSetting;
  };
}

/** The variables `npm start` reads, with their defaults (docs/configuration.md lists the same). */
export const START_DEFAULTS = {
  CATALOG_WEB_PORT: catalogWeb.port,
  CATALOG_WEB_METRICS_PORT: catalogWeb.localMetricsPort,
  ADMIN_WEB_PORT: adminWeb.port,
  ADMIN_WEB_METRICS_PORT: adminWeb.localMetricsPort,
  CATALOG_READ_PORT: catalogRead.port,
  CATALOG_READ_METRICS_PORT: catalogRead.localMetricsPort,
  ADMIN_WRITE_PORT: adminWrite.port,
  ADMIN_WRITE_METRICS_PORT: adminWrite.localMetricsPort,
} as const;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const MIN_TOKEN_LENGTH = 16;

/** Reads `npm start`'s environment; errors name the variable a user sets. */
export function readStartSettings(env: NodeJS.ProcessEnv): StartSettings {
  const port = (variable: keyof typeof START_DEFAULTS): PortSetting => {
    const text = env[variable]?.trim();
    if (!text) return { variable, port: START_DEFAULTS[variable] };
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < 1 || value > 65535) {
      throw new SettingsError(`${variable} must be a port number from 1 to 65535 (it is "${text}")`);
    }
    return { variable, port: value };
  };
  const adminToken = env.ADMIN_TOKEN?.trim() || undefined;
  if (adminToken !== undefined && (adminToken.length < MIN_TOKEN_LENGTH || /\s/.test(adminToken))) {
    throw new SettingsError(`ADMIN_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters, without spaces`);
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR?.trim() || DEFAULT_DATA_DIR),
    adminToken,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    prettyLogs: !/^(false|0|no)$/i.test(env.LOG_PRETTY?.trim() ?? ''),
    ports: {
      catalogWeb: port('CATALOG_WEB_PORT'),
      catalogWebMetrics: port('CATALOG_WEB_METRICS_PORT'),
      adminWeb: port('ADMIN_WEB_PORT'),
      adminWebMetrics: port('ADMIN_WEB_METRICS_PORT'),
      catalogRead: port('CATALOG_READ_PORT'),
      catalogReadMetrics: port('CATALOG_READ_METRICS_PORT'),
      adminWrite: port('ADMIN_WRITE_PORT'),
      adminWriteMetrics: port('ADMIN_WRITE_METRICS_PORT'),
    },
  };
}

/** Where a client on this machine reaches a listener bound to `host`. */
export function localAddress(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}
