#!/bin/bash
# First-initialisation script for the official postgres image (mounted into
# /docker-entrypoint-initdb.d; runs only when the data volume is empty).
#
# Creates one least-privilege login role per consumer:
#   temporal  owns the `temporal` and `temporal_visibility` databases; Temporal's
#             auto-setup creates and migrates its schema in them.
#   ecm       owns the `ecm` database (created by the image from POSTGRES_DB);
#             the application's migrations run as this role.
# Passwords come from TEMPORAL_DB_PASSWORD and ECM_DB_PASSWORD.
set -euo pipefail

: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${ECM_DB_PASSWORD:?ECM_DB_PASSWORD must be set}"
: "${POSTGRES_DB:=ecm}"

# psql substitutes :'var' as a quoted literal and :"var" as a quoted identifier,
# so the passwords never need shell or SQL escaping here.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v ecm_password="$ECM_DB_PASSWORD" \
  -v ecm_db="$POSTGRES_DB" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;

CREATE ROLE ecm LOGIN PASSWORD :'ecm_password';
ALTER DATABASE :"ecm_db" OWNER TO ecm;

-- Nobody but the owner (and superusers) may connect to a database.
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
REVOKE ALL ON DATABASE :"ecm_db" FROM PUBLIC;
SQL
