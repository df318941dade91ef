import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config.js';
import {
  freePort,
  runCommand,
  type ServiceProcess,
  startNodeProcess,
  Teardown,
  waitForHttp,
} from './processes.js';

/** How a service's code is run: its compiled build/ (production) or its sources through tsx. */
export type RunMode = 'build' | 'source';

/** `npx tsc -b`: every package and service compiled to its build/. */
export async function buildWorkspace(): Promise<number> {
  const startedAt = Date.now();
  await runCommand(process.execPath, [
    path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-b',
  ]);
  return Date.now() - startedAt;
}

/**
 * Node flags of the images (each service's Dockerfile), also given to the bare-Fastify baseline so that
 * both sides run on the same runtime settings. The tracing bootstrap comes separately: it is inert
 * here (the harness sets no OTEL_* variables).
 */
export const RUNTIME_FLAGS = ['--single-threaded-gc'];
const TRACING = ['--import', '@mystore/service-kernel/tracing'];

/** The `node` arguments that start a service in the given mode. */
export function serviceCommand(service: string, mode: RunMode): string[] {
  if (mode === 'build') {
    const entry = path.join('services', service, 'build', 'server.js');
    if (!existsSync(path.join(REPO_ROOT, entry)))
      throw new Error(`${entry} is missing (did the build fail?)`);
    return [...RUNTIME_FLAGS, ...TRACING, entry];
  }
  return [
    ...RUNTIME_FLAGS,
    '--conditions=@mystore/source',
    '--import',
    'tsx',
    ...TRACING,
    path.join('services', service, 'src', 'server.ts'),
  ];
}

/** The environment of a service under test: production mode, nothing inherited but PATH and HOME. */
export function productionEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    ...vars,
  };
}

export interface RunningService {
  readonly name: string;
  readonly mode: RunMode;
  readonly process: ServiceProcess;
  readonly baseUrl: string;
  readonly metricsUrl: string;
}

export interface StartServiceOptions {
  /** Process label (`catalog-read-cache`). */
  readonly name: string;
  /** Folder under services/. */
  readonly service: string;
  readonly mode: RunMode;
  /** Service-specific variables; PORT and METRICS_PORT are chosen here. */
  readonly env: Record<string, string>;
  /** The HTTP port, when the caller must know it first (a URL naming it); a free one otherwise. */
  readonly port?: number;
  readonly logDir?: string | undefined;
  /** Path answered 200 once the service can serve (default /readyz). */
  readonly readyPath?: string;
  readonly teardown: Teardown;
}

/** Starts one service process on free loopback ports with metrics on, and waits until it is ready. */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const metricsPort = await freePort();
  const proc = startNodeProcess({
    name: options.name,
    nodeArgs: serviceCommand(options.service, options.mode),
    env: productionEnv({ ...options.env, PORT: String(port), METRICS_PORT: String(metricsPort) }),
    logDir: options.logDir,
  });
  options.teardown.add(options.name, () => proc.stop());
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}${options.readyPath ?? '/readyz'}`, proc);
  return {
    name: options.name,
    mode: options.mode,
    process: proc,
    baseUrl,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
  };
}

/** Where a service's code ran, for logs and notes. */
export function describeMode(mode: RunMode): string {
  return mode === 'build' ? 'build/' : 'sources (tsx)';
}

/**
 * Starts a service from build/, or, when that fails (a service that cannot run from its build output),
 * from its sources with tsx, and then says so in `notes`; the returned mode says which.
 */
export async function startServiceWithFallback(
  options: Omit<StartServiceOptions, 'mode'> & { preferSource: boolean; notes: string[] },
): Promise<RunningService> {
  const { notes, preferSource, ...rest } = options;
  if (preferSource) return startService({ ...rest, mode: 'source' });
  const attempt = new Teardown();
  try {
    const service = await startService({ ...rest, mode: 'build', teardown: attempt });
    options.teardown.add(options.name, () => service.process.stop());
    return service;
  } catch (error) {
    await attempt.run();
    const reason = (error as Error).message.split('\n')[0];
    console.error(`[bench] ${options.name} did not start from build/ (${reason}); using sources`);
    notes.push(
      `${options.name} did not start from build/ and ran from its sources with tsx instead: ${reason}`,
    );
    return startService({ ...rest, mode: 'source' });
  }
}
