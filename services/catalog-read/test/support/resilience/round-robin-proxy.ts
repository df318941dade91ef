import { createConnection, createServer, type Socket } from 'node:net';

export interface Upstream {
  readonly host: string;
  readonly port: number;
}

export interface RoundRobinProxy {
  /** The loopback port clients connect to. */
  readonly port: number;
  /** How many client connections were forwarded to each upstream, by upstream index. */
  readonly connections: readonly number[];
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback that hands each new connection to the next upstream in turn, the way a
 * load-balanced Service spreads a pool's connections over several replicas.
 */
export async function startRoundRobinProxy(upstreams: readonly Upstream[]): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('no upstreams');
  const counts = upstreams.map(() => 0);
  const sockets = new Set<Socket>();
  let next = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    const index = next++ % upstreams.length;
    counts[index]! += 1;
    const target = upstreams[index]!;
    const upstream = createConnection({ host: target.host, port: target.port });
    track(client);
    track(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected proxy address');

  return {
    port: address.port,
    connections: counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
