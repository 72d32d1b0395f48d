#!/bin/bash
# First-initialisation script for the official postgres image (mounted into
# /docker-entrypoint-initdb.d; runs only when the data volume is empty).
#
# Creates one least-privilege login role per consumer:
#   temporal  owns the `temporal` and `temporal_visibility` databases; Temporal's
#             auto-setup creates and migrates its schema in them.
#   ecm       owns the `ecm` database (created by the image from POSTGRES_DB);
#             the application's migrations run as this role (compose `ecm-migrate`).
#   ecm_app   the API's and the worker's login role: owns nothing, and is granted
#             by the migration job (src/infra/db/app-role.ts) the care record's tables,
#             but only INSERT and SELECT on audit_events, so the app cannot
#             rewrite the audit trail.
# Passwords come from TEMPORAL_DB_PASSWORD, ECM_DB_PASSWORD and ECM_APP_DB_PASSWORD.
set -euo pipefail

: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${ECM_DB_PASSWORD:?ECM_DB_PASSWORD must be set}"
: "${ECM_APP_DB_PASSWORD:?ECM_APP_DB_PASSWORD must be set}"
: "${POSTGRES_DB:=ecm}"

# psql substitutes :'var' as a quoted literal and :"var" as a quoted identifier,
# so the passwords never need shell or SQL escaping here.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v ecm_password="$ECM_DB_PASSWORD" \
  -v ecm_app_password="$ECM_APP_DB_PASSWORD" \
  -v ecm_db="$POSTGRES_DB" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;

CREATE ROLE ecm LOGIN PASSWORD :'ecm_password';
ALTER DATABASE :"ecm_db" OWNER TO ecm;
-- No attributes beyond LOGIN, and no membership of `ecm`: the grants are all it gets.
CREATE ROLE ecm_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'ecm_app_password';

-- Nobody but the owner (and superusers) may connect to a database.
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
REVOKE ALL ON DATABASE :"ecm_db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"ecm_db" TO ecm_app;
SQL
