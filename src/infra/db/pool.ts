/**
 * node-postgres connection pools and database-level helpers.
 */
import pg from 'pg';

/** Options for {@link createPool}. */
export interface PoolOptions {
  /** Shown in `pg_stat_activity.application_name`. Default `ecm-backbone`. */
  applicationName?: string;
  /** Maximum open connections. Default 5: worker and API each have their own pool. */
  max?: number;
  /**
   * How long getting a connection may take, in ms. Default 5 000: a database that does not answer
   * fails the request (503 `database_unavailable`) in seconds, not never (pg's default is no limit).
   */
  connectionTimeoutMs?: number;
  /** Server-side `statement_timeout` in ms. Default 30 000; 0 disables it. */
  statementTimeoutMs?: number;
  /**
   * Errors on idle pooled connections (e.g. the server restarted). Without a
   * listener node-postgres would crash the process; the broken connection is
   * already discarded by the pool. Default: written to `console.error`.
   */
  onError?: (err: Error) => void;
}

/** A `pg.Pool` with small, explicit limits. Call `pool.end()` on shutdown. */
export function createPool(databaseUrl: string, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    application_name: opts.applicationName ?? 'ecm-backbone',
    max: opts.max ?? 5,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
    statement_timeout: opts.statementTimeoutMs ?? 30_000,
  });
  const onError = opts.onError ?? ((err: Error) => console.error(`postgres pool: idle client error: ${err.message}`));
  pool.on('error', onError);
  return pool;
}

/** `url` with its database name replaced by `name`. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/**
 * Create database `name` unless it exists. `adminUrl` points at any database
 * of the same server (usually `postgres`) as a role allowed to create
 * databases. Safe against concurrent callers. Returns `true` if it was created.
 */
export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  return withAdminClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } catch (err) {
      // duplicate_database, or unique_violation when two CREATEs race.
      const code = (err as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw err;
    }
  });
}

/** Drop database `name` if it exists, disconnecting its sessions first. */
export async function dropDatabaseIfExists(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/** Runs `fn` on a client of its own connected to `url` (an administrative task), then disconnects. */
export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'ecm-admin' });
  client.on('error', () => undefined); // errors surface through the awaited queries
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
