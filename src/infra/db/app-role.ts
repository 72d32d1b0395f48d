/**
 * The application's database role: least privilege, so the audit trail resists the app itself.
 *
 * Migrations run as the schema's owner. The API and the worker connect as a separate login role
 * (conventionally `ecm_app`) that owns nothing and may run no DDL. It may read and write the care
 * record, but on `audit_events` it may only INSERT and SELECT. A PostgreSQL owner can disable or drop
 * a trigger, replace the trigger function, or drop the table, and the app role can do none of that.
 * So even a compromised app cannot rewrite the trail: it can neither change nor remove a row, nor
 * backdate one (`occurred_at` is set by the server, see migration 1795421600000_app-role.sql).
 *
 * The grants are made in code after every migration run, not inside the migrations themselves.
 * `ALL TABLES IN SCHEMA` then covers tables that later migrations add, and the revocations that
 * follow always win.
 */
import type pg from 'pg';

/** Tables the app role may only append to and read. */
export const APPEND_ONLY_TABLES = ['audit_events'] as const;

/** The app role's name when a deployment does not choose one (`npm start`, tests). */
export const DEFAULT_APP_ROLE = 'ecm_app';

/** The login role a connection URL names. */
export function roleOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).username);
}

/** Thrown when the app role would have more than least privilege (a superuser, or a member of the owner). */
export class AppRoleTooPowerful extends Error {
  override readonly name = 'AppRoleTooPowerful';
}

/**
 * Grants the app role exactly what the care record needs, on the database `client` is connected
 * to as the owner. Idempotent, and serialised between processes that start together.
 */
export async function grantAppRole(client: pg.Client, appRole: string, migrationsTable: string): Promise<void> {
  const role = client.escapeIdentifier(appRole);
  const { rows } = await client.query<{ exists: boolean; super: boolean; owner_member: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists,
            COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = $1), false) AS super,
            COALESCE((SELECT pg_has_role($1, tableowner, 'MEMBER') FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events'), false) AS owner_member`,
    [appRole],
  );
  const found = rows[0]!;
  if (!found.exists) throw new Error(`the app database role ${JSON.stringify(appRole)} does not exist; create it (LOGIN, no other attributes) before migrating`);
  // A superuser, or a role that inherits the owner's rights, could disable the append-only triggers.
  if (found.super || found.owner_member) {
    throw new AppRoleTooPowerful(`the app database role ${JSON.stringify(appRole)} is a superuser or acts as the tables' owner; it must be a separate role with no other attributes`);
  }
  await client.query('BEGIN');
  try {
    // Two processes granting at once would fail with "tuple concurrently updated".
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('ecm-app-role-grants'))`);
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${role}`);
    // Since PostgreSQL 15 PUBLIC may not create in `public`; say so for older servers too.
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    for (const table of APPEND_ONLY_TABLES) {
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${client.escapeIdentifier(table)} FROM ${role}`);
    }
    // Which migrations ran is the owner's business; the app only checks that none is missing.
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${client.escapeIdentifier(migrationsTable)} FROM ${role}`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/**
 * Creates the login role `name` unless it exists, and sets its password, as a role allowed to
 * create roles (the embedded server's superuser). Safe when test files or processes race.
 */
export async function ensureLoginRole(client: pg.Client, name: string, password: string): Promise<void> {
  // Advisory locks are per database; every caller connects to the same admin database.
  await client.query(`SELECT pg_advisory_lock(hashtext('ecm-login-roles'))`);
  try {
    const role = client.escapeIdentifier(name);
    const literal = client.escapeLiteral(password);
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    if (found.rowCount) await client.query(`ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal}`);
    else await client.query(`CREATE ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal}`);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('ecm-login-roles'))`);
  }
}

/** `url` with its user and password replaced. */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}
