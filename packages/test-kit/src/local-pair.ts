import { join } from 'node:path';
import { AdminConnection } from './admin-conn.js';
import type { MariadbBinaries } from './binaries.js';
import { createPairDir, removePairDir } from './cleanup.js';
import { freePorts, LocalInstance } from './local-instance.js';
import { mergeOptions, type Options } from './mysqld-options.js';
import { createReplicaPair, verifyLogins } from './pair.js';
import { MARIADB, waitForReplicas } from './replication.js';
import type { ReplicaPair } from './types.js';
import { mysqlUrl } from './urls.js';
import { createKitUsers, newPasswords } from './users.js';

/** Small and fast: about 55 MB RSS per idle instance (see notes/mariadb-and-drivers.md). */
const COMMON: Options = {
  character_set_server: 'utf8mb4',
  collation_server: 'utf8mb4_unicode_ci',
  default_time_zone: '+00:00',
  bind_address: '127.0.0.1',
  skip_name_resolve: true,
  performance_schema: 'OFF',
  innodb_buffer_pool_size: '16M',
  innodb_log_file_size: '8M',
  key_buffer_size: '1M',
  innodb_flush_log_at_trx_commit: 2,
  sync_binlog: 0,
  max_connections: 300,
  // Named, so file names do not depend on the host name.
  log_bin: 'mysql-bin',
  log_slave_updates: 1,
  gtid_strict_mode: 1,
  binlog_format: 'ROW',
};

const PORT_ATTEMPTS = 3;

async function startWithPortRetry(instance: LocalInstance): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await instance.start();
    } catch (err) {
      // Ports come from listening on port 0 and closing: another process may take one meanwhile.
      if (attempt >= PORT_ATTEMPTS || !(await instance.portWasTaken())) throw err;
      [instance.port] = (await freePorts(1)) as [number];
      await instance.writeCnf();
    }
  }
}

export async function startLocalPair(
  binaries: MariadbBinaries,
  opts: { replicas: number; database: string; mysqldOptions?: Options | undefined },
  startedAt: number,
): Promise<ReplicaPair> {
  // TEST_KIT_DEBUG=1 prints where start-up time goes; silent otherwise.
  const mark = process.env.TEST_KIT_DEBUG
    ? (phase: string) =>
        process.stderr.write(`[test-kit] local pair: ${phase} at ${Date.now() - startedAt} ms\n`)
    : () => {};
  const root = await createPairDir();
  const instances: LocalInstance[] = [];
  const conns: AdminConnection[] = [];

  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= (async () => {
      await Promise.all(conns.map((c) => c.close()));
      await Promise.all(instances.map((i) => i.stop()));
      await removePairDir(root);
    })();
    return stopping;
  };

  try {
    const ports = await freePorts(opts.replicas + 1);
    const names = ['primary', ...Array.from({ length: opts.replicas }, (_, i) => `replica${i + 1}`)];
    names.forEach((name, i) => {
      const role: Options =
        i === 0 ? { server_id: 1 } : { server_id: 1 + i, read_only: 1, relay_log: 'relay-bin' };
      const options = mergeOptions(COMMON, role, opts.mysqldOptions);
      instances.push(new LocalInstance(name, join(root, name), binaries, ports[i]!, options));
    });

    // One install, copied for the replicas: concurrent installs compete for the CPU (3.5 s for three on
    // two cores against ~1 s for one), a copy takes ~70 ms. Then all servers start concurrently.
    await Promise.all(instances.map((i) => i.prepare()));
    const [first, ...others] = instances as [LocalInstance, ...LocalInstance[]];
    await first.install();
    mark('installed');
    await Promise.all(others.map((i) => i.copyDatadirFrom(first)));
    // Wait for every start before judging, so cleanup never races a start still in progress.
    mark('copied');
    const results = await Promise.allSettled(instances.map((i) => startWithPortRetry(i)));
    mark('started');
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    for (const instance of instances) {
      conns.push(new AdminConnection(instance.name, { socketPath: instance.socket, user: 'root' }));
    }
    const [primary, ...replicas] = conns as [AdminConnection, ...AdminConnection[]];
    const [primaryInstance, ...replicaInstances] = instances as [LocalInstance, ...LocalInstance[]];

    const pw = newPasswords();
    await createKitUsers(primary, opts.database, pw);
    await Promise.all(
      replicas.map(async (replica) => {
        await replica.query(
          "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=?, MASTER_USER='repl', MASTER_PASSWORD=?, MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
          [primaryInstance.port, pw.repl],
        );
        await replica.query('START SLAVE');
      }),
    );
    await waitForReplicas(MARIADB, primary, replicas, 10_000);
    mark('replicating');

    const url = (port: number, user: string, password: string) =>
      mysqlUrl('127.0.0.1', port, { user, password }, opts.database);
    const primaryUrl = url(primaryInstance.port, 'app_rw', pw.rw);
    const replicaUrls = replicaInstances.map((r) => url(r.port, 'app_ro', pw.ro));
    // The app users must work over TCP (not just root over the socket) before the pair is handed out.
    await verifyLogins([primaryUrl, ...replicaUrls]);
    return createReplicaPair({
      source: 'local',
      flavor: MARIADB,
      primaryUrl,
      replicaUrls,
      replicaWriterUrls: replicaInstances.map((r) => url(r.port, 'app_rw', pw.rw)),
      admin: {
        primaryUrl: url(primaryInstance.port, 'admin', pw.admin),
        replicaUrls: replicaInstances.map((r) => url(r.port, 'admin', pw.admin)),
      },
      primary,
      replicas,
      startedAt,
      async stopReplica(i) {
        replicas[i]!.discard();
        await replicaInstances[i]!.stop();
      },
      async startReplica(i) {
        await replicaInstances[i]!.start();
        // master.info persists, so the replication threads start by themselves; START SLAVE makes sure
        // (it only warns when they already run).
        await replicas[i]!.query('START SLAVE');
      },
      stop: stopAll,
    });
  } catch (err) {
    await stopAll().catch(() => {});
    throw err;
  }
}
