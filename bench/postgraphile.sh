#!/usr/bin/env bash
# Starts PostGraphile on loopback over the benchmark's database, as a measuring stick for the CRM's own API.
# It is never a dependency of the product. The benchmark runs it itself after its load:
#   dotnet run --project bench/JlnbCrm.Bench -c Release -- --quick --postgraphile
# By hand (over a database kept with --keep): bash bench/postgraphile.sh, then http://127.0.0.1:5433/graphiql.
# PostGraphile connects as the database owner: it pays no row-level-security cost, so its figures flatter it.
set -euo pipefail
cd "$(dirname "$0")/postgraphile"
npm ci --no-audit --no-fund >/dev/null
url="${JLNBCRM_BENCH_PG_URL:-postgres://jlnb_owner:jlnb_owner_pw@127.0.0.1:5432/jlnbcrm_bench}"
# PostGraphile derives a root field "query" from the table "queries", which clashes with its own; a smart comment
# renames it (in the benchmark's throw-away database only).
psql "$url" -qc "COMMENT ON TABLE queries IS E'@name client_query'"
exec npx postgraphile -c "$url" --host 127.0.0.1 --port 5433 --schema public \
  --append-plugins postgraphile-plugin-connection-filter --disable-default-mutations --disable-query-log
