/**
 * One transaction helper for every care-record write (src/infra/db/transaction.ts), on a real
 * PostgreSQL: its work commits or rolls back whole, the caller sees the work's own error, and a
 * connection whose rollback failed is discarded rather than handed to the next caller.
 */
import type { Pool, PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/infra/db/pool';
import { inTransaction } from '../../src/infra/db/transaction';
import { createTestDatabase, type TestDatabase } from '../support/test-system';

async function backendPid(client: PoolClient | Pool): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
}

async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('inTransaction', () => {
  let db: TestDatabase;
  /** One connection, so "the same connection again" is observable as the same backend. */
  let single: Pool;
  const released: (Error | undefined)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    single = createPool(db.url, { max: 1, onError: () => undefined });
    single.on('release', (err: Error | undefined) => released.push(err));
    // A temporary table lives in its session, which the single connection keeps.
    await single.query('CREATE TEMP TABLE written (n int)');
  });
  afterAll(async () => {
    await single?.end();
    await db?.close();
  });

  it('commits the work and answers its result, returning the connection to the pool', async () => {
    const before = await backendPid(single);
    released.length = 0;
    const answer = await inTransaction(single, async (client) => {
      await client.query('INSERT INTO written VALUES (1)');
      return 'done';
    });
    expect(answer).toBe('done');
    expect(released).toEqual([undefined]);
    expect(await backendPid(single)).toBe(before);
    expect((await single.query('SELECT count(*)::int AS n FROM written WHERE n = 1')).rows[0].n).toBe(1);
  });

  it('rolls back every write of failed work, rethrows the work\'s error and keeps the healthy connection', async () => {
    const before = await backendPid(single);
    released.length = 0;
    const failure = new Error('work failed');
    const err = await rejectionOf(
      inTransaction(single, async (client) => {
        await client.query('INSERT INTO written VALUES (2)');
        throw failure;
      }),
    );
    expect(err).toBe(failure);
    expect(released).toEqual([undefined]);
    expect(await backendPid(single)).toBe(before);
    expect((await single.query('SELECT count(*)::int AS n FROM written WHERE n = 2')).rows[0].n).toBe(0);
  });

  it('discards a connection whose rollback failed (its backend terminated mid-transaction) and the next transaction gets a fresh one', async () => {
    const pool = createPool(db.url, { max: 1, onError: () => undefined });
    const releases: (Error | undefined)[] = [];
    pool.on('release', (err: Error | undefined) => releases.push(err));
    try {
      const failure = new Error('work failed after the server dropped the connection');
      let terminatedPid = 0;
      const err = await rejectionOf(
        inTransaction(pool, async (client) => {
          await client.query('SELECT 1');
          terminatedPid = await backendPid(client);
          const ended = new Promise((resolve) => client.once('end', resolve));
          // As an administrator (or a failover) would: the backend goes while the transaction is open.
          await db.pool.query('SELECT pg_terminate_backend($1)', [terminatedPid]);
          await ended;
          throw failure;
        }),
      );
      expect(err).toBe(failure);
      expect(releases).toHaveLength(1);
      expect(releases[0]).toBeInstanceOf(Error);
      expect(pool.totalCount).toBe(0);
      const next = await inTransaction(pool, (client) => backendPid(client));
      expect(next).not.toBe(terminatedPid);
      expect(releases[1]).toBeUndefined();
    } finally {
      await pool.end();
    }
  });
});
