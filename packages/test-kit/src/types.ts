export type PairSource = 'env' | 'local' | 'testcontainers';

export interface ReplicaPairOptions {
  /** Extra mysqld options for every instance, e.g. { innodb_buffer_pool_size: '1G' } (override defaults). */
  readonly mysqldOptions?: Readonly<Record<string, string | number | boolean>>;
  /** Number of replicas (default 1). Tests of load-balanced replicas need 2. */
  readonly replicas?: number;
  /** Application schema name (default 'mystore'). */
  readonly database?: string;
}

export interface ReplicaPair {
  readonly source: PairSource;
  /** mysql://app_rw:…@127.0.0.1:port/mystore — DML + DDL on the app schema on the primary (migrations, writes). */
  readonly primaryUrl: string;
  /** mysql://app_ro:…@127.0.0.1:port/mystore — SELECT-only user on the (first) replica. */
  readonly replicaUrl: string;
  /** One read-only URL per replica. */
  readonly replicaUrls: readonly string[];
  /** The app_rw user's URL on each replica (the replica refuses its writes because of read_only). */
  readonly replicaWriterUrls: readonly string[];
  /**
   * Admin (all privileges) URLs for tests: primary and each replica. Never write through a replica admin
   * URL: on MariaDB that user has READ_ONLY ADMIN, and one such write breaks GTID-strict replication.
   */
  readonly admin: { readonly primaryUrl: string; readonly replicaUrls: readonly string[] };
  /** Milliseconds from the call of startMysqlReplicaPair until the pair was ready and replicating. */
  readonly startupMs: number;
  /**
   * Resolves when replica i (default: all) has applied everything the primary has committed
   * (MASTER_GTID_WAIT on MariaDB, WAIT_FOR_EXECUTED_GTID_SET on MySQL); rejects after timeoutMs (default 10000).
   */
  waitForReplication(opts?: { replica?: number; timeoutMs?: number }): Promise<void>;
  /** Stops the SQL thread of replica i (default 0): rows stop appearing there. */
  pauseReplication(replica?: number): Promise<void>;
  resumeReplication(replica?: number): Promise<void>;
  /** Stops replica i's server process (connections then fail with ECONNREFUSED). Source 'local' only. */
  stopReplica(replica?: number): Promise<void>;
  /** Starts it again on the same port and datadir; it then replicates again. Source 'local' only. */
  startReplica(replica?: number): Promise<void>;
  /** Stops everything this kit started (idempotent). For 'env' it only closes connections. */
  stop(): Promise<void>;
}

export type Detection = { available: true; source: PairSource } | { available: false; reason: string };
