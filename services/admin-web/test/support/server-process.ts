import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface AdminWebProcess {
  readonly url: string;
  /** Log lines at level error or above. */
  readonly errors: readonly string[];
  /** SIGTERM, then the exit code (graceful shutdown). */
  stop(): Promise<number | null>;
}

/**
 * admin-web's `server.ts` as its own process (as `npm start -w services/admin-web` runs it), configured
 * only by the environment given here; resolves once it logs `listening`.
 */
export async function startAdminWebProcess(env: Record<string, string>): Promise<AdminWebProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(OTEL_|NODE_OPTIONS)/.test(key)),
  );
  const child = spawn(
    process.execPath,
    ['--conditions=@mystore/source', '--import', 'tsx', 'services/admin-web/src/server.ts'],
    {
      cwd: REPO_ROOT,
      env: { ...inherited, HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const errors: string[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const listening = new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as { msg?: string; port?: number; level?: number };
      if (line.msg === 'listening') resolve(line.port!);
      if ((line.level ?? 0) >= 50) errors.push(text);
    });
    void exited.then((code) => reject(new Error(`admin-web exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`admin-web did not start in 60 s: ${stderr}`)), 60_000).unref();
  });
  try {
    const port = await listening;
    return {
      url: `http://127.0.0.1:${port}`,
      errors,
      async stop() {
        child.kill('SIGTERM');
        return exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
