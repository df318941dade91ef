import mysql from 'mysql2/promise';

/**
 * One lazily opened admin connection per server, reopened after it breaks (a restarted replica, a
 * server that closed an idle connection). The kit's own statements go through this, never through a pool.
 */
export class AdminConnection {
  private conn: Promise<mysql.Connection> | undefined;

  constructor(
    readonly label: string,
    private readonly options: mysql.ConnectionOptions,
  ) {}

  async query<T = Record<string, unknown>>(
    sql: string,
    values?: unknown[],
    timeoutMs = 30_000,
  ): Promise<T[]> {
    const reused = this.conn !== undefined;
    try {
      return await this.run<T>(sql, values, timeoutMs);
    } catch (err) {
      const { fatal, code } = err as { fatal?: boolean; code?: string };
      if (!fatal) throw err;
      // A fatal error leaves the connection unusable. If it was an old one (the server closed it while
      // idle, or was restarted), try once more on a fresh one; every statement the kit sends is idempotent.
      this.discard();
      if (!reused || code === 'PROTOCOL_SEQUENCE_TIMEOUT') throw err;
      return this.run<T>(sql, values, timeoutMs);
    }
  }

  private async run<T>(sql: string, values: unknown[] | undefined, timeoutMs: number): Promise<T[]> {
    const conn = await this.connect();
    const [rows] = await conn.query({ sql, values, timeout: timeoutMs });
    return rows as T[];
  }

  /** Closes the connection (a no-op when none is open). */
  async close(): Promise<void> {
    const pending = this.conn;
    this.conn = undefined;
    if (!pending) return;
    const conn = await pending.catch(() => undefined);
    // end() waits for the server; destroy() is the fallback when the server is already gone.
    await conn?.end().catch(() => conn.destroy());
  }

  /** Forgets the connection without talking to the server (it is about to be killed). */
  discard(): void {
    const pending = this.conn;
    this.conn = undefined;
    pending?.then((c) => c.destroy()).catch(() => {});
  }

  private connect(): Promise<mysql.Connection> {
    if (!this.conn) {
      const opening = mysql.createConnection({ connectTimeout: 5_000, ...this.options }).then((c) => {
        // Without a listener a server-side disconnect of an idle connection crashes the process.
        c.on('error', () => {
          if (this.conn === opening) this.conn = undefined;
        });
        return c;
      });
      opening.catch(() => {
        if (this.conn === opening) this.conn = undefined;
      });
      this.conn = opening;
    }
    return this.conn;
  }
}
