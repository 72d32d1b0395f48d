import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase, MIGRATIONS_TABLE } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool } from '../../src/infra/db/pool';

const FIRST = '1732300000000_apply-log';
const SECOND = '1732300000001_care-note';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const pool = createPool(url, { max: 1 });
  try {
    return (await pool.query<T>(sql)).rows;
  } finally {
    await pool.end();
  }
}

describe('database migrations', () => {
  let tmp: string;
  let migrationsDir: string;
  let server: EmbeddedPostgres;
  let firstDbUrl: string;
  let secondDbUrl: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'ecm-migrate-test-'));
    await chmod(tmp, 0o755); // the server may run as another OS user
    migrationsDir = path.join(tmp, 'migrations');
    await mkdir(migrationsDir);
    // Deliberately not idempotent: applying either twice would fail or leave two rows.
    await writeFile(
      path.join(migrationsDir, `${FIRST}.sql`),
      `-- Up Migration
CREATE TABLE apply_log (migration text NOT NULL);
SELECT pg_sleep(0.3);
INSERT INTO apply_log VALUES ('${FIRST}');
-- Down Migration
DROP TABLE apply_log;
`,
    );
    await writeFile(
      path.join(migrationsDir, `${SECOND}.sql`),
      `CREATE TABLE care_note (id bigint PRIMARY KEY, body text NOT NULL);
INSERT INTO apply_log VALUES ('${SECOND}');
`,
    );
    await writeFile(path.join(migrationsDir, 'README.md'), 'Not a migration.\n');

    server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pgdata'), persistent: false });
    expect(await createDatabaseIfMissing(server.databaseUrl(), 'migrate_first')).toBe(true);
    expect(await createDatabaseIfMissing(server.databaseUrl(), 'migrate_second')).toBe(true);
    firstDbUrl = server.databaseUrl('migrate_first');
    secondDbUrl = server.databaseUrl('migrate_second');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (server) await expect(stat(server.dataDir)).rejects.toThrow(); // non-persistent data is deleted
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }, 60_000);

  it('does not create a database that already exists', async () => {
    expect(await createDatabaseIfMissing(server.databaseUrl(), 'migrate_first')).toBe(false);
  });

  it('creates the tables of every migration', async () => {
    const result = await migrateDatabase(firstDbUrl, { migrationsDir });
    expect(result.applied).toEqual([FIRST, SECOND]);

    const tables = await query<{ table_name: string }>(
      firstDbUrl,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['apply_log', 'care_note', MIGRATIONS_TABLE]);
  }, 30_000);

  it('applies nothing and raises no error when run a second time', async () => {
    const result = await migrateDatabase(firstDbUrl, { migrationsDir });
    expect(result.applied).toEqual([]);
    const log = await query<{ migration: string }>(firstDbUrl, 'SELECT migration FROM apply_log ORDER BY migration');
    expect(log.map((r) => r.migration)).toEqual([FIRST, SECOND]);
  }, 30_000);

  it('applies each migration exactly once when two migrations run at the same time', async () => {
    const [a, b] = await Promise.all([
      migrateDatabase(secondDbUrl, { migrationsDir }),
      migrateDatabase(secondDbUrl, { migrationsDir }),
    ]);
    // One caller did all the work, the other waited for the lock and found nothing to do.
    expect([a.applied, b.applied].sort((x, y) => y.length - x.length)).toEqual([[FIRST, SECOND], []]);

    const log = await query<{ migration: string; n: string }>(
      secondDbUrl,
      'SELECT migration, count(*) AS n FROM apply_log GROUP BY migration ORDER BY migration',
    );
    expect(log).toEqual([
      { migration: FIRST, n: '1' },
      { migration: SECOND, n: '1' },
    ]);
    const recorded = await query<{ name: string }>(secondDbUrl, `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
    expect(recorded.map((r) => r.name)).toEqual([FIRST, SECOND]);
  }, 30_000);

  it('applies only the new migration when one is added later', async () => {
    const third = '1732300000002_care-note-author';
    await writeFile(path.join(migrationsDir, `${third}.sql`), 'ALTER TABLE care_note ADD COLUMN author text;\n');
    try {
      expect((await migrateDatabase(firstDbUrl, { migrationsDir })).applied).toEqual([third]);
      expect((await migrateDatabase(firstDbUrl, { migrationsDir })).applied).toEqual([]);
    } finally {
      await rm(path.join(migrationsDir, `${third}.sql`));
    }
  }, 30_000);

  it('rolls back every pending migration when one of them fails', async () => {
    await createDatabaseIfMissing(server.databaseUrl(), 'migrate_failing');
    const url = server.databaseUrl('migrate_failing');
    const broken = '1732300000003_broken';
    await writeFile(path.join(migrationsDir, `${broken}.sql`), 'SELECT * FROM no_such_table;\n');
    const errors: string[] = [];
    try {
      await expect(
        migrateDatabase(url, { migrationsDir, logger: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) } }),
      ).rejects.toThrow(/no_such_table/);
    } finally {
      await rm(path.join(migrationsDir, `${broken}.sql`));
    }
    expect(errors.join('\n')).toMatch(/no_such_table/);
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '${MIGRATIONS_TABLE}'`,
    );
    expect(tables).toEqual([]);
  }, 30_000);

  it("applies the repository's own migrations from the default directory", async () => {
    expect(DEFAULT_MIGRATIONS_DIR).toBe(path.resolve(__dirname, '..', '..', 'migrations'));
    await createDatabaseIfMissing(server.databaseUrl(), 'migrate_repository');
    const url = server.databaseUrl('migrate_repository');
    const first = await migrateDatabase(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect((await migrateDatabase(url)).applied).toEqual([]);
  }, 30_000);

  it('reports a missing migrations directory clearly', async () => {
    await expect(migrateDatabase(firstDbUrl, { migrationsDir: path.join(tmp, 'nope') })).rejects.toThrow(
      /Migrations directory not found/,
    );
  });
});

