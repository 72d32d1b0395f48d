#!/bin/sh
# One-shot: creates or upgrades Temporal's PostgreSQL schemas (persistence and visibility) with
# temporal-sql-tool, in the temporalio/admin-tools image, before the server starts. Idempotent:
# `setup-schema -v 0.0` is skipped when the schema exists, `update-schema` applies only what is new.
#
# Environment: POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD, DBNAME, VISIBILITY_DBNAME.
set -eu

SCHEMA_DIR="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"
log() { echo "setup-schema: $*"; }

sql() {
  db=$1
  shift
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" \
    -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" --db "$db" "$@"
}

for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db=${pair%%:*}
  kind=${pair#*:}
  # The databases are created (owned by the temporal role) by deploy/postgres/initdb/10-roles.sh.
  if sql "$db" setup-schema -v 0.0 2>/tmp/setup.err; then
    log "$db: base schema created"
  else
    log "$db: base schema present ($(tr '\n' ' ' </tmp/setup.err | cut -c1-160))"
  fi
  sql "$db" update-schema -d "$SCHEMA_DIR/$kind/versioned"
  log "$db: schema up to date"
done
