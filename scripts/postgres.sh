#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 and makes sure the test roles exist, then exports the
# connection string the tests read. Source it: `source scripts/postgres.sh`. Idempotent.
#   jlnb_owner  owns the databases the tests create and runs migrations (CREATEDB, CREATEROLE, not superuser);
#               the migrations create the row-secured runtime role jlnb_app (NOLOGIN) that the app switches to
set -euo pipefail

if ! pg_lsclusters -h 2>/dev/null | grep -q "^15 *main .*online"; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done

PGPASS_OWNER="${JLNBCRM_PG_OWNER_PASSWORD:-jlnb_owner_pw}"
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jlnb_owner') THEN
    CREATE ROLE jlnb_owner LOGIN CREATEDB CREATEROLE PASSWORD '${PGPASS_OWNER}';
  END IF;
  ALTER ROLE jlnb_owner CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS;
END
\$\$;
SQL

export JLNBCRM_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=jlnb_owner;Password=${PGPASS_OWNER};Database=postgres"
echo "PostgreSQL is up; tests will use JLNBCRM_TEST_POSTGRES (role jlnb_owner)."
