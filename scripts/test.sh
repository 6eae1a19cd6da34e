#!/usr/bin/env bash
# The whole test suite: unit tests, and functional tests on PostgreSQL and SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/postgres.sh
source scripts/prerequisites.sh

dotnet tool restore
dotnet build JlnbCrm.sln -c Release
dotnet test JlnbCrm.sln -c Release --no-build --logger "console;verbosity=normal"

# Snapshooter writes a missing snapshot and passes: a run that leaves new snapshots is a failure.
new_snaps=$(git status --porcelain -- '*.snap' | grep '^??' || true)
if [ -n "$new_snaps" ]; then
  echo "Tests created snapshot files that are not committed:"; echo "$new_snaps"; exit 1
fi

bash scripts/smoke-run.sh
