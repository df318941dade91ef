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
    const conn = await this.connect();
    try {
      const [rows] = await conn.query({ sql, values, timeout: timeoutMs });
      return rows as T[];
    } catch (err) {
      // A fatal error leaves the connection unusable: drop it so the next call opens a fresh one.
      if ((err as { fatal?: boolean }).fatal) this.discard();
      throw err;
    }
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
