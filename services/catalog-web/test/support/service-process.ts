import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** SIGKILL if still running; resolves once it has exited. */
  kill(): Promise<void>;
}

/**
 * Starts `services/<name>/src/server.ts` as its own process, as `npm start -w services/<name>` does,
 * configured only by `env` (nothing of this process's configuration leaks in), on a free loopback
 * port; resolves with its URL once it logs "listening".
 */
export async function startServiceProcess(
  name: string,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@mystore/source', '--import', 'tsx', `services/${name}/src/server.ts`],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => process.removeListener('exit', killOnExit));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s: ${stderr}`)), 60_000);
      void exited.then(() => reject(new Error(`${name} exited at start: ${stderr}`)));
      // Read to the end (request lines too), so a full pipe never blocks the service.
      createInterface({ input: child.stdout! }).on('line', (text) => {
        const line = (text.startsWith('{') ? JSON.parse(text) : {}) as { msg?: string; port?: number };
        if (line.msg === 'listening' && line.port) {
          clearTimeout(timer);
          resolve(line.port);
        }
      });
    });
    return { child, url: `http://127.0.0.1:${port}`, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
