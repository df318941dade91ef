import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, findPrometheusBinary } from '@mystore/test-kit';
import { stringify } from 'yaml';

export interface ScrapeTarget {
  /** `job` and `service`, as a ServiceMonitor sets them: the Kubernetes Service name. */
  readonly service: string;
  readonly pod: string;
  readonly address: string;
}

export interface PrometheusApiError extends Error {
  readonly errorType?: string;
}

/** A port the OS just gave out and took back. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real Prometheus server (Debian's binary) in a temporary directory, scraping the targets every second
 * and evaluating `ruleFiles` every second. Targets get the labels prometheus-operator gives a pod scraped
 * through a ServiceMonitor: namespace, service, pod, container, and job = the Service name.
 */
export async function startPrometheus(options: {
  targets: readonly ScrapeTarget[];
  ruleFiles: readonly string[];
  namespace: string;
}) {
  const binary = findPrometheusBinary('prometheus');
  if (!binary) throw new Error('prometheus not found (Debian package prometheus)');
  const directory = await mkdtemp(path.join(tmpdir(), 'mystore-prometheus-'));
  const services = [...new Set(options.targets.map((target) => target.service))];
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '1s' },
    rule_files: options.ruleFiles,
    scrape_configs: services.map((service) => ({
      job_name: service,
      static_configs: options.targets
        .filter((target) => target.service === service)
        .map((target) => ({
          targets: [target.address],
          labels: { namespace: options.namespace, service, pod: target.pod, container: service },
        })),
    })),
  };
  await writeFile(path.join(directory, 'prometheus.yml'), stringify(config));
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${path.join(directory, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(directory, { recursive: true, force: true });
  };

  /** GET an API path; rejects with Prometheus's own error text. */
  async function api<T>(pathAndQuery: string): Promise<T> {
    const response = await fetch(`${base}${pathAndQuery}`);
    const body = (await response.json()) as { status: string; data: T; error?: string; errorType?: string };
    if (body.status !== 'success') {
      throw Object.assign(new Error(`${body.errorType}: ${body.error} (${pathAndQuery})`), {
        errorType: body.errorType,
      });
    }
    return body.data;
  }

  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`);
        const response = await fetch(`${base}/-/ready`);
        if (!response.ok) throw new Error(`not ready: ${response.status}`);
      },
      30_000,
      100,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    base,
    stop,
    stderr: () => stderr,
    api,
    /** An instant query now; the result vector (or scalar) as Prometheus returns it. */
    query: (expr: string) =>
      api<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>(
        `/api/v1/query?query=${encodeURIComponent(expr)}`,
      ),
  };
}

export type Prometheus = Awaited<ReturnType<typeof startPrometheus>>;
