#!/usr/bin/env bash
# What the tests need beyond the .NET SDK and PostgreSQL, from Debian's packages: Chromium for the browser tests
# (never a downloaded browser) and PgBouncer for the transaction-pooler test; from npm, the graphql-http audit the
# endpoint's conformance test runs. Source it; installs only what is missing.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -d tests/graphql-http-audit/node_modules/graphql-http ] || npm ci --prefix tests/graphql-http-audit --no-audit --no-fund >/dev/null
