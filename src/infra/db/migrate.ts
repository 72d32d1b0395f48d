/**
 * Schema migrations with node-pg-migrate, applied at every start-up.
 *
 * Migrations are plain SQL files in `<repo>/migrations`, named
 * `<timestamp>_<name>.sql` (e.g. `1732300000000_care-record.sql`), applied in
 * timestamp order and recorded in the `pgmigrations` table. A file may hold an
 * optional `-- Down Migration` section after `-- Up Migration`; without
 * markers the whole file is the up migration. Files not ending in `.sql`
 * (README, dotfiles) are ignored.
 *
 * Safe to run concurrently (worker and API starting together): node-pg-migrate
 * takes a PostgreSQL advisory lock before it even creates its table; with
 * `advisoryLockMode: 'wait'` the second caller blocks until the first is done,
 * then finds nothing left to apply. (The library default, `'fail'`, would make
 * the second caller throw.)
 *
 * All pending migrations run in one transaction: a failure leaves the schema
 * untouched. Consequently migration files must not contain their own
 * BEGIN/COMMIT or statements that cannot run in a transaction
 * (e.g. CREATE INDEX CONCURRENTLY).
 *
 * node-pg-migrate 9 is ESM-only; it is loaded with a dynamic `import()`, which
 * works from this CommonJS project under tsx, vitest and compiled output.
 */
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import pg from 'pg';
import { grantAppRole } from './app-role';

/** `<repo>/migrations`. */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'migrations');

/** Table recording applied migrations. */
export const MIGRATIONS_TABLE = 'pgmigrations';

/** Anything that can log strings at these levels (console, a pino logger, …). */
export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options for {@link migrateDatabase}. */
export interface MigrateOptions {
  /** Directory of `.sql` migrations. Default {@link DEFAULT_MIGRATIONS_DIR}. */
  migrationsDir?: string;
  /** Default: `info` is dropped, `warn`/`error` go to `console.error`. */
  logger?: MigrationLogger;
  /**
   * Longest wait for any single lock, including the migration lock held by a
   * concurrently starting process. Fails instead of hanging start-up forever.
   * Default 120 000 ms.
   */
  lockTimeoutMs?: number;
  /**
   * The login role the API and the worker connect as. After the migrations it is granted the
   * care record's tables, and only INSERT and SELECT on `audit_events` (see ./app-role.ts).
   * Without it no grants are made (the app then connects as the owner).
   */
  appRole?: string;
}

/** What {@link migrateDatabase} did. */
export interface MigrateResult {
  /** Names (file name without `.sql`) of migrations applied by this call, in order. Empty when up to date. */
  applied: string[];
}

const quietLogger: MigrationLogger = {
  info: () => undefined,
  warn: (message) => console.error(message),
  error: (message) => console.error(message),
};

/**
 * Apply all pending migrations to the database at `databaseUrl`.
 * A no-op when the schema is up to date; safe to call from several processes
 * at once.
 */
export async function migrateDatabase(databaseUrl: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const dir = path.resolve(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new Error(`Migrations directory not found: ${dir}`);

  const logger = opts.logger ?? quietLogger;
  const lockTimeoutMs = opts.lockTimeoutMs ?? 120_000;
  const { runner } = await import('node-pg-migrate');

  // Our own client rather than `databaseUrl`: node-pg-migrate does not await
  // `end()` on connections it opens and attaches no 'error' listener, so a
  // server shutting down right after a migration would crash the process.
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'ecm-migrate',
    options: `-c lock_timeout=${Math.max(1, Math.round(lockTimeoutMs))}`,
  });
  client.on('error', (err) => logger.warn(`migration connection: ${err.message}`));
  await client.connect();
  let applied: Awaited<ReturnType<typeof runner>>;
  try {
    applied = await runner({
      dbClient: client,
      dir,
      // Ignore dotfiles and anything that is not a .sql file (matched as ^…$).
      ignorePattern: '(?:\\..*|(?!.*\\.sql$).*)',
      direction: 'up',
      migrationsTable: MIGRATIONS_TABLE,
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      verbose: false,
      logger: {
        debug: () => undefined,
        info: (msg: string) => logger.info(msg),
        warn: (msg: string) => logger.warn(msg),
        error: (msg: string) => logger.error(msg),
      },
    });
    if (opts.appRole) await grantAppRole(client, opts.appRole, MIGRATIONS_TABLE);
  } finally {
    await client.end();
  }
  return { applied: applied.map((m) => m.name) };
}

/**
 * The migrations of `migrationsDir` the database at `databaseUrl` has not applied. Needs only
 * SELECT on the migrations table, so the app role can check the schema it starts against.
 */
export async function pendingMigrations(databaseUrl: string, migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(path.resolve(migrationsDir))).filter((f) => /^[^.].*\.sql$/.test(f)).map((f) => f.slice(0, -'.sql'.length));
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'ecm-migrate-check' });
  client.on('error', () => undefined); // errors surface through the awaited queries
  await client.connect();
  try {
    const table = await client.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [MIGRATIONS_TABLE]);
    if (!table.rows[0]?.name) return files.sort();
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM ${client.escapeIdentifier(MIGRATIONS_TABLE)}`);
    const applied = new Set(rows.map((r) => r.name));
    return files.filter((f) => !applied.has(f)).sort();
  } finally {
    await client.end();
  }
}
