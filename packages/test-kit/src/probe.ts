import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type RuntimeProbe = { ok: true; endpoint: string } | { ok: false; reason: string };

type Endpoint = { label: string; socketPath: string } | { label: string; host: string; port: number };

/** The places testcontainers looks for a Docker-compatible engine, in its order. */
function endpoints(env: NodeJS.ProcessEnv): Endpoint[] | string {
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost) {
    if (dockerHost.startsWith('unix://')) return [{ label: dockerHost, socketPath: dockerHost.slice(7) }];
    if (dockerHost.startsWith('tcp://')) {
      const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
      return [{ label: dockerHost, host: url.hostname, port: Number(url.port || 2375) }];
    }
    return `DOCKER_HOST=${dockerHost} is not a unix:// or tcp:// address`;
  }
  const candidates = ['/var/run/docker.sock'];
  if (env.XDG_RUNTIME_DIR) candidates.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'));
  candidates.push(join(homedir(), '.docker/run/docker.sock'), join(homedir(), '.docker/desktop/docker.sock'));
  return candidates.filter((p) => existsSync(p)).map((p) => ({ label: `unix://${p}`, socketPath: p }));
}

/** GET /_ping with a hard deadline: a socket that accepts but never answers must not hang the caller. */
function ping(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const target = 'socketPath' in endpoint ? { socketPath: endpoint.socketPath } : endpoint;
    const req = request({ ...target, path: '/_ping', method: 'GET', agent: false }, (res) => {
      res.resume();
      finish(res.statusCode === 200);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean) {
      clearTimeout(timer);
      req.destroy();
      resolve(ok);
    }
    req.on('error', () => finish(false));
    req.end();
  });
}

/** Whether a container runtime answers within timeoutMs (default 1 s). Never throws. */
export async function probeContainerRuntime(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 1_000,
): Promise<RuntimeProbe> {
  let list: Endpoint[] | string;
  try {
    list = endpoints(env);
  } catch (err) {
    return { ok: false, reason: `DOCKER_HOST is invalid (${(err as Error).message})` };
  }
  if (typeof list === 'string') return { ok: false, reason: list };
  if (list.length === 0)
    return { ok: false, reason: 'no container runtime answered (no Docker socket found)' };
  const answers = await Promise.all(list.map((e) => ping(e, timeoutMs)));
  const index = answers.indexOf(true);
  const found = list[index];
  if (found) return { ok: true, endpoint: found.label };
  return { ok: false, reason: `no container runtime answered (${list.map((e) => e.label).join(', ')})` };
}
