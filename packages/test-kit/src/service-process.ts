import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningService {
  readonly name: string;
  readonly port: number;
  readonly metricsPort: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `services/<name>/src/server.ts` as `npm start -w` would (through tsx, with the tracing
 * bootstrap), on free ports given by the OS, and resolves with them once it logs "listening".
 * Inherited OTEL_* and service settings are dropped: only `env` configures it. Its log lines are read
 * for the "listening" line (ports) and otherwise dropped.
 */
export async function startServiceProcess(
  name: string,
  env: Record<string, string>,
): Promise<RunningService> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith('OTEL_') && !/^(PORT|METRICS_PORT|DATABASE_URL|LOG_\w+|NODE_OPTIONS)$/.test(key),
    ),
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
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const ports = await new Promise<{ port: number; metricsPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s: ${stderr}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; metricsPort?: number };
        if (entry.msg === 'listening' && entry.port && entry.metricsPort) {
          clearTimeout(timer);
          resolve({ port: entry.port, metricsPort: entry.metricsPort });
        }
      } catch {
        // Not a log line (pretty output is off): ignore.
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening: ${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { name, ...ports, child, stop };
}
