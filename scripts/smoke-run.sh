#!/usr/bin/env bash
# Proves README's run command on a fresh data folder: it migrates, seeds and answers HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."

data=$(mktemp -d)
log="$data/run.log"
Crm__DataFolder="$data" Crm__DemoClients=300 dotnet run --project src/Graph -c Release --urls http://127.0.0.1:5099 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 90); do
  if curl -sf http://127.0.0.1:5099/health >/dev/null; then
    grep -q "JLNB CRM is ready: open http://127.0.0.1:5099/" "$log" || { echo "run command did not print its URL"; cat "$log"; exit 1; }
    curl -s -o /dev/null -w "%{redirect_url}" http://127.0.0.1:5099/graphql/ui | grep -q "/account/signin" || { echo "GraphQL IDE does not ask to sign in"; exit 1; }
    curl -sf http://127.0.0.1:5099/account/signin | grep -q "/lib/bootstrap/bootstrap.min.css" || { echo "sign-in page missing"; exit 1; }
    curl -sf -o /dev/null http://127.0.0.1:5099/lib/graphiql/graphiql.min.js || { echo "GraphiQL script not served"; exit 1; }
    echo "Smoke run OK: $(curl -s http://127.0.0.1:5099/health)"
    exit 0
  fi
  kill -0 $pid 2>/dev/null || { echo "run command exited early:"; cat "$log"; exit 1; }
  sleep 2
done
echo "run command did not answer within 180 s:"; cat "$log"; exit 1
