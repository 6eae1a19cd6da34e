#!/usr/bin/env bash
# Starts PostGraphile on loopback over the benchmark's database, as a measuring stick for the CRM's own API.
# It is never a dependency of the product. The benchmark runs it itself after its load:
#   dotnet run --project bench/JlnbCrm.Bench -c Release -- --quick --postgraphile
# By hand (over a database kept with --keep): bash bench/postgraphile.sh, then http://127.0.0.1:5433/graphiql.
# One process serves two endpoints (bench/postgraphile/server.js, library mode): the owner's, which pays no
# row-level security, on JLNBCRM_BENCH_PG_PORT (5433), and a row-secured one on JLNBCRM_BENCH_PG_RLS_PORT (5434),
# where each request runs as role jlnb_app with app.user_id from its X-Jlnb-User-Id header and jit off.
set -euo pipefail
cd "$(dirname "$0")/postgraphile"
npm ci --no-audit --no-fund >/dev/null
export JLNBCRM_BENCH_PG_URL="${JLNBCRM_BENCH_PG_URL:-postgres://jlnb_owner:jlnb_owner_pw@127.0.0.1:5432/jlnbcrm_bench}"
# PostGraphile derives a root field "query" from the table "queries", which clashes with its own; a smart comment
# renames it (in the benchmark's throw-away database only).
psql "$JLNBCRM_BENCH_PG_URL" -qc "COMMENT ON TABLE queries IS E'@name client_query'"
NODE_ENV=production exec node server.js
