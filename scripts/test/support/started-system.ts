import { cleanEnv, freePorts, type NpmRun, runNpm } from './npm-process.js';

/** Starting both services takes a few seconds alone, much longer on a busy 2-core machine. */
export const START_TIMEOUT_MS = 150_000;

export const READY_BLOCK = /mystore catalog is ready:[\s\S]*?Ctrl-C stops everything\.\n/;

export interface StartedSystem {
  readonly run: NpmRun;
  readonly env: Record<string, string>;
  readonly ports: {
    readonly catalogWeb: number;
    readonly catalogWebMetrics: number;
    readonly adminWeb: number;
    readonly adminWebMetrics: number;
    readonly catalogRead: number;
    readonly catalogReadMetrics: number;
    readonly adminWrite: number;
    readonly adminWriteMetrics: number;
  };
  /** The token the ready block printed. */
  readonly token: string;
  /** The output up to and including the ready block. */
  readonly startOutput: string;
}

/** Variables that put `npm start` on free ports and a given DATA_DIR. */
export async function startEnv(dataDir: string, extra: Record<string, string> = {}) {
  const variables = {
    catalogWeb: 'CATALOG_WEB_PORT',
    catalogWebMetrics: 'CATALOG_WEB_METRICS_PORT',
    adminWeb: 'ADMIN_WEB_PORT',
    adminWebMetrics: 'ADMIN_WEB_METRICS_PORT',
    catalogRead: 'CATALOG_READ_PORT',
    catalogReadMetrics: 'CATALOG_READ_METRICS_PORT',
    adminWrite: 'ADMIN_WRITE_PORT',
    adminWriteMetrics: 'ADMIN_WRITE_METRICS_PORT',
  } as const;
  const names = Object.keys(variables) as (keyof typeof variables)[];
  const free = await freePorts(names.length);
  const ports = Object.fromEntries(names.map((name, i) => [name, free[i]!])) as StartedSystem['ports'];
  const env: Record<string, string> = { DATA_DIR: dataDir };
  for (const name of names) env[variables[name]] = String(ports[name]);
  return { env: { ...env, ...extra }, ports };
}

/**
 * `npm start` as a user runs it, on free ports and the given DATA_DIR; resolves as soon as the ready
 * block is printed (nothing else is awaited after it, so a caller can check what is true at that moment).
 */
export async function startSystem(
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<StartedSystem> {
  const { env, ports } = await startEnv(dataDir, extra);
  const run = runNpm(['start'], cleanEnv(env));
  try {
    const match = await run.waitFor(READY_BLOCK, START_TIMEOUT_MS);
    const token = /admin API token \(Authorization: Bearer …\): (\S+)/.exec(match[0])?.[1];
    if (!token) throw new Error(`no token in the ready block:\n${match[0]}`);
    return { run, env, ports, token, startOutput: run.output() };
  } catch (error) {
    run.killGroup();
    throw error;
  }
}
