import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVICES, type ServiceName } from '@mystore/service-contract';
import { type ChildOutput, watchChild } from './child-output.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface RunningService extends ChildOutput {
  readonly name: ServiceName;
  readonly port: number;
  readonly metricsPort: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGKILL if still running; resolves once it has exited (send SIGTERM through `child` to see a graceful stop). */
  stop(): Promise<void>;
}

/**
 * Starts `services/<name>/src/server.ts` as `npm start -w` would (through tsx, with the tracing
 * bootstrap), on free ports given by the OS, and resolves with them once it logs "listening".
 * Every variable of the service's contract and every OTEL_* one is dropped from the inherited
 * environment: only `env` configures it. Its log lines are kept (`lines`, `waitForLine`).
 */
export async function startServiceProcess(
  name: ServiceName,
  env: Record<string, string>,
): Promise<RunningService> {
  const contract = SERVICES.find((service) => service.name === name)!;
  const configKeys = new Set<string>([...contract.env, 'NODE_OPTIONS']);
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !configKeys.has(key) && !key.startsWith('OTEL_')),
  );
  const child = spawn(
    process.execPath,
    [
      '--conditions=@mystore/source',
      '--import',
      'tsx',
      '--import',
      '@mystore/service-kernel/tracing',
      `services/${name}/src/server.ts`,
    ],
    {
      cwd: REPO_ROOT,
      env: { ...inherited, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = watchChild(child, name);
  try {
    const listening = await output.waitForLine((line) => line.msg === 'listening', START_TIMEOUT_MS);
    const port = Number(listening.port);
    const metricsPort = Number(listening.metricsPort);
    if (!(port > 0 && metricsPort > 0)) throw new Error(`${name}: no ports in ${JSON.stringify(listening)}`);
    return { name, port, metricsPort, url: `http://127.0.0.1:${port}`, child, ...output, stop: output.kill };
  } catch (error) {
    await output.kill();
    throw error;
  }
}
