// UNTESTED on the machines this kit was written on (no container engine there): type-checked only.
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import { AdminConnection } from './admin-conn.js';
import { cliFlag, mergeOptions, type Options } from './mysqld-options.js';
import { createReplicaPair, verifyLogins } from './pair.js';
import { MYSQL, waitForReplicas } from './replication.js';
import type { ReplicaPair } from './types.js';
import { mysqlUrl, randomPassword } from './urls.js';
import { createKitUsers, newPasswords } from './users.js';

const IMAGE = 'mysql:8.4';
const PORT = 3306;

const COMMON: Options = {
  character_set_server: 'utf8mb4',
  collation_server: 'utf8mb4_unicode_ci',
  default_time_zone: '+00:00',
  skip_name_resolve: true,
  gtid_mode: 'ON',
  enforce_gtid_consistency: 'ON',
  log_bin: true,
};

async function waitForLogin(conn: AdminConnection, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await conn.query('SELECT 1');
      return;
    } catch (err) {
      conn.discard();
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** MySQL 8.4 primary + replicas in containers on one network, GTID auto-positioned replication. */
export async function startContainerPair(
  opts: { replicas: number; database: string; mysqldOptions?: Options | undefined },
  startedAt: number,
): Promise<ReplicaPair> {
  // Loaded lazily: importing testcontainers is slow and only this path needs it.
  const { GenericContainer, Network, Wait } = await import('testcontainers');
  const containers: StartedTestContainer[] = [];
  const conns: AdminConnection[] = [];
  let network: StartedNetwork | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= (async () => {
      await Promise.all(conns.map((c) => c.close()));
      await Promise.allSettled(containers.map((c) => c.stop()));
      await network?.stop().catch(() => {});
    })();
    return stopping;
  };

  try {
    network = await new Network().start();
    const rootPassword = randomPassword();
    const names = ['primary', ...Array.from({ length: opts.replicas }, (_, i) => `replica${i + 1}`)];
    // read_only/super_read_only are set over SQL after start: as flags they would also reach the image's
    // init server (it passes its arguments on), where super_read_only blocks the root user setup.
    const started = await Promise.allSettled(
      names.map((name, i) => {
        const flags = [...mergeOptions(COMMON, { server_id: i + 1 }, opts.mysqldOptions)].map(([k, v]) =>
          cliFlag(k, v),
        );
        return (
          new GenericContainer(IMAGE)
            .withNetwork(network!)
            .withNetworkAliases(name)
            .withEnvironment({ MYSQL_ROOT_PASSWORD: rootPassword, MYSQL_INITDB_SKIP_TZINFO: '1' })
            .withCommand(flags)
            .withExposedPorts(PORT)
            .withTmpFs({ '/var/lib/mysql': 'rw' })
            // The image's init server logs "port: 0"; only the real server listens on 3306 (the X
            // plugin's line says 33060, hence the \s).
            .withWaitStrategy(Wait.forLogMessage(/ready for connections.*port: 3306\s/))
            .withStartupTimeout(120_000)
            .start()
        );
      }),
    );
    for (const r of started) if (r.status === 'fulfilled') containers.push(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    for (const [i, c] of containers.entries()) {
      conns.push(
        new AdminConnection(names[i]!, {
          host: c.getHost(),
          port: c.getMappedPort(PORT),
          user: 'root',
          password: rootPassword,
        }),
      );
    }
    await Promise.all(conns.map((c) => waitForLogin(c, 60_000)));
    const [primary, ...replicas] = conns as [AdminConnection, ...AdminConnection[]];
    // A clean GTID history everywhere, so no replica holds transactions the primary never had.
    await Promise.all(conns.map((c) => c.query('RESET BINARY LOGS AND GTIDS')));

    const pw = newPasswords();
    await createKitUsers(primary, opts.database, pw);
    await Promise.all(
      replicas.map(async (replica) => {
        await replica.query('SET GLOBAL super_read_only = ON');
        await replica.query(
          "CHANGE REPLICATION SOURCE TO SOURCE_HOST='primary', SOURCE_PORT=3306, SOURCE_USER='repl', SOURCE_PASSWORD=?, SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1, SOURCE_CONNECT_RETRY=1",
          [pw.repl],
        );
        await replica.query('START REPLICA');
      }),
    );
    await waitForReplicas(MYSQL, primary, replicas, 30_000);

    const [primaryC, ...replicaCs] = containers as [StartedTestContainer, ...StartedTestContainer[]];
    const url = (c: StartedTestContainer, user: string, password: string) =>
      mysqlUrl(c.getHost(), c.getMappedPort(PORT), { user, password }, opts.database);
    const primaryUrl = url(primaryC, 'app_rw', pw.rw);
    const replicaUrls = replicaCs.map((c) => url(c, 'app_ro', pw.ro));
    await verifyLogins([primaryUrl, ...replicaUrls]);
    return createReplicaPair({
      source: 'testcontainers',
      flavor: MYSQL,
      primaryUrl,
      replicaUrls,
      replicaWriterUrls: replicaCs.map((c) => url(c, 'app_rw', pw.rw)),
      admin: {
        primaryUrl: url(primaryC, 'admin', pw.admin),
        replicaUrls: replicaCs.map((c) => url(c, 'admin', pw.admin)),
      },
      primary,
      replicas,
      startedAt,
      stop: stopAll,
    });
  } catch (err) {
    await stopAll().catch(() => {});
    throw err;
  }
}
