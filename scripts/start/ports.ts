import { createServer } from 'node:net';
import { type PortSetting, SettingsError } from './settings.js';

/**
 * Fails at once, naming the port and its variable, when a port is taken or asked for twice: before
 * anything is printed, migrated or started.
 */
export async function assertPortsFree(host: string, ports: readonly PortSetting[]): Promise<void> {
  const seen = new Map<number, string>();
  for (const { variable, port } of ports) {
    const other = seen.get(port);
    if (other) throw new SettingsError(`${other} and ${variable} are both ${port}: give each its own port`);
    seen.set(port, variable);
  }
  for (const { variable, port } of ports) {
    const problem = await tryListen(host, port);
    if (problem === 'EADDRINUSE') {
      throw new SettingsError(
        `port ${port} is already in use: stop what is using it, or choose another port with ${variable} (e.g. ${variable}=${port < 55536 ? port + 10000 : port - 10000} npm start)`,
      );
    }
    if (problem) throw new SettingsError(`cannot listen on ${host}:${port} (${variable}): ${problem}`);
  }
}

/** Listens and closes at once: undefined when the port is free, else the error code. */
function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
