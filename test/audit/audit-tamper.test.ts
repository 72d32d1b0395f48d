/**
 * The audit trail resists the app's own database role (issue 10, finding 8). The API and the
 * worker connect as the app role (test/support/test-system.ts does too); here every way an owner
 * could rewrite the trail is tried as that role, and each fails while the rows stay as they were.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { AppRoleTooPowerful, roleOf, withCredentials } from '../../src/infra/db/app-role';
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase, pendingMigrations } from '../../src/infra/db/migrate';
import { prepareDatabase, SchemaOutOfDate } from '../../src/infra/db/prepare-database';
import { createDatabaseIfMissing, createPool, withDatabase } from '../../src/infra/db/pool';
import { createTestDatabase, TEST_APP_ROLE, type TestDatabase } from '../support/test-system';

/** PostgreSQL's SQLSTATE for "must be owner" and for "permission denied". */
const INSUFFICIENT_PRIVILEGE = '42501';

let db: TestDatabase;
let owner: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = createPool(db.ownerUrl, { max: 1 });
});
afterAll(async () => {
  await owner?.end();
  await db?.close();
});

async function sqlState(query: Promise<unknown>): Promise<string | undefined> {
  try {
    await query;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

async function appendRow(requestId: string): Promise<void> {
  await db.pool.query(
    `INSERT INTO audit_events (request_id, actor_id, actor_role, actor_org, member_id, action, outcome) VALUES ($1, 'tamper-test', 'plan', 'LA-CARE', NULL, 'getMember', 'allowed')`,
    [requestId],
  );
}

async function snapshot(): Promise<unknown[]> {
  return (await owner.query('SELECT * FROM audit_events ORDER BY id')).rows;
}

describe('the audit trail as the app role', () => {
  it('connects as a role that is no superuser and owns nothing', async () => {
    expect(roleOf(db.url)).toBe(TEST_APP_ROLE.name);
    const { rows } = await db.pool.query<{ user: string; super: boolean; owned: number }>(
      `SELECT current_user AS user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super,
              (SELECT count(*)::int FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS owned`,
    );
    expect(rows[0]).toEqual({ user: TEST_APP_ROLE.name, super: false, owned: 0 });
  });

  it('may INSERT and SELECT audit_events', async () => {
    await appendRow('tamper-insert');
    const { rows } = await db.pool.query(`SELECT actor_id, action FROM audit_events WHERE request_id = 'tamper-insert'`);
    expect(rows).toEqual([{ actor_id: 'tamper-test', action: 'getMember' }]);
  });

  it('cannot UPDATE, DELETE or TRUNCATE audit_events', async () => {
    await appendRow('tamper-dml');
    const before = await snapshot();
    expect(await sqlState(db.pool.query(`UPDATE audit_events SET actor_id = 'someone-else'`))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('DELETE FROM audit_events'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('TRUNCATE audit_events'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot disable or drop the append-only triggers, nor replace their function', async () => {
    await appendRow('tamper-ddl');
    const before = await snapshot();
    expect(await sqlState(db.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('ALTER TABLE audit_events DISABLE TRIGGER ALL'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('DROP TRIGGER audit_events_no_update_or_delete ON audit_events'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('DROP TRIGGER audit_events_no_truncate ON audit_events'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await sqlState(db.pool.query(`CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END; $$`)),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    // Nor turn triggers off for its session, which only a superuser may.
    expect(await sqlState(db.pool.query(`SET session_replication_role = replica`))).toBe(INSUFFICIENT_PRIVILEGE);
    const triggers = await owner.query(`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`);
    expect(triggers.rows).toEqual([
      { tgname: 'audit_events_no_truncate', tgenabled: 'O' },
      { tgname: 'audit_events_no_update_or_delete', tgenabled: 'O' },
      { tgname: 'audit_events_stamp_time', tgenabled: 'O' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot drop, rename or alter the table, nor create one of its own', async () => {
    await appendRow('tamper-drop');
    const before = await snapshot();
    expect(await sqlState(db.pool.query('DROP TABLE audit_events'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('ALTER TABLE audit_events RENAME TO audit_events_old'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('ALTER TABLE audit_events DROP COLUMN actor_id'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(db.pool.query('CREATE TABLE audit_events_shadow (id bigint)'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot backdate a row it inserts: the server stamps occurred_at', async () => {
    const start = (await db.pool.query<{ start: Date }>('SELECT now() AS start')).rows[0]!.start;
    await db.pool.query(
      `INSERT INTO audit_events (occurred_at, request_id, actor_id, action, outcome) VALUES ('2001-01-01T00:00:00Z', 'tamper-backdate', 'tamper-test', 'getMember', 'allowed')`,
    );
    const { rows } = await db.pool.query<{ occurred_at: Date }>(`SELECT occurred_at FROM audit_events WHERE request_id = 'tamper-backdate'`);
    expect(rows[0]!.occurred_at.getTime()).toBeGreaterThanOrEqual(start.getTime());
  });

  it('reads and writes the other care-record tables', async () => {
    const { rows } = await db.pool.query<{ table_name: string; s: boolean; i: boolean; u: boolean; d: boolean }>(
      `SELECT table_name, has_table_privilege(current_user, table_name, 'SELECT') AS s, has_table_privilege(current_user, table_name, 'INSERT') AS i,
              has_table_privilege(current_user, table_name, 'UPDATE') AS u, has_table_privilege(current_user, table_name, 'DELETE') AS d
       FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('audit_events', 'pgmigrations')`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect({ ...r, table_name: r.table_name }).toEqual({ table_name: r.table_name, s: true, i: true, u: true, d: true });
  });
});

describe('granting the app role', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'ecm-app-role-'));
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('covers a table a later migration adds, and keeps audit_events append-only for the app role', async () => {
    const dir = path.join(tmp, 'migrations');
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, '1899999999999_later-table.sql'), 'CREATE TABLE later_things (id bigint PRIMARY KEY, note text);\n');
    const adminUrl = inject('postgresAdminUrl');
    const name = `ecm_grants_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await createDatabaseIfMissing(adminUrl, name);
    const ownerUrl = withDatabase(adminUrl, name);
    await migrateDatabase(ownerUrl, { migrationsDir: dir, appRole: TEST_APP_ROLE.name });
    const app = createPool(withCredentials(ownerUrl, TEST_APP_ROLE.name, TEST_APP_ROLE.password), { max: 1 });
    try {
      await app.query(`INSERT INTO later_things VALUES (1, 'a')`);
      await app.query(`UPDATE later_things SET note = 'b' WHERE id = 1`);
      await app.query('DELETE FROM later_things WHERE id = 1');
      expect(await sqlState(app.query(`UPDATE audit_events SET actor_id = 'x'`))).toBe(INSUFFICIENT_PRIVILEGE);
      // What ran is the owner's record: the app may read it, never write it.
      expect((await app.query('SELECT count(*)::int AS n FROM pgmigrations')).rows[0].n).toBeGreaterThan(0);
      expect(await sqlState(app.query(`DELETE FROM pgmigrations`))).toBe(INSUFFICIENT_PRIVILEGE);
    } finally {
      await app.end();
    }
  });

  it('the app role refuses to start on a schema with a pending migration it may not apply; the owner applies it and grants it', async () => {
    const dir = path.join(tmp, 'pending');
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, '1899999999998_pending-table.sql'), 'CREATE TABLE pending_things (id bigint PRIMARY KEY);\n');
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const fresh = await createTestDatabase();
    const app = createPool(fresh.url, { max: 1 });
    try {
      expect(await pendingMigrations(fresh.url, dir)).toEqual(['1899999999998_pending-table']);
      await expect(prepareDatabase({ appUrl: fresh.url, migrationsDir: dir }, quiet)).rejects.toBeInstanceOf(SchemaOutOfDate);
      expect((await app.query(`SELECT to_regclass('pending_things') AS t`)).rows[0].t).toBeNull();
      expect(await prepareDatabase({ appUrl: fresh.url, ownerUrl: fresh.ownerUrl, migrationsDir: dir }, quiet)).toEqual(['1899999999998_pending-table']);
      await app.query('INSERT INTO pending_things VALUES (1)');
      expect(await prepareDatabase({ appUrl: fresh.url, migrationsDir: dir }, quiet)).toEqual([]);
    } finally {
      await app.end();
      await fresh.close();
    }
  });

  it('refuses a superuser as the app role', async () => {
    await expect(migrateDatabase(db.ownerUrl, { appRole: roleOf(db.ownerUrl) })).rejects.toBeInstanceOf(AppRoleTooPowerful);
  });
});
