import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on a connection of its own: BEGIN, the work, COMMIT; on any
 * error ROLLBACK and rethrow the work's error.
 *
 * A connection whose ROLLBACK failed (the server went away, the socket broke) is in an unknown
 * state, so it is discarded instead of going back to the pool, where the next caller would inherit
 * a half-open transaction. While the connection is checked out nobody else listens for its
 * `error` event; a connection lost between two queries would otherwise crash the process, so the
 * event is taken here, and marks the connection broken too.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onLost = (err: Error): void => {
    broken ??= err;
  };
  client.on('error', onLost);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      broken ??= rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    }
    throw err;
  } finally {
    client.removeListener('error', onLost);
    client.release(broken);
  }
}
