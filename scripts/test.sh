#!/usr/bin/env bash
# The README's test command: installs and starts MariaDB, Redis and maildev where they are missing
# (scripts/services.sh), builds the solution and runs every test project against them. It stops
# again only the services it started.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/services.sh
source scripts/services.sh
services_up
trap services_down EXIT

log_dir=${TEST_LOG_DIR:-$PWD/.test-output}
mkdir -p "$log_dir"
rm -f "$log_dir/dotnet-test-cluster.log"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build LoginOrchestrator.slnx -c Release --nologo -v quiet

status=0
# A hung test host is killed and named (with a dump) rather than holding CI to its limit.
dotnet test LoginOrchestrator.slnx -c Release --no-build --nologo --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee "$log_dir/dotnet-test.log" || status=$?

# Then the Redis store and two-instance tests (trait Redis=cluster) once more, on the 3-master Redis Cluster (the main
# run above has the cluster's own tests). After it, not beside it: both runs would share maildev's mailboxes.
echo "--- the Redis store and two-instance tests again, on the Redis Cluster ($LO_TEST_REDIS_CLUSTER):"
for project in tests/api tests/security; do
  LO_TEST_REDIS="$LO_TEST_REDIS_CLUSTER" dotnet test "$project" -c Release --no-build --nologo --filter "Redis=cluster" \
    --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee -a "$log_dir/dotnet-test-cluster.log" || status=$?
done

# One closing line for CI, summed over the test projects' "Passed!/Failed!" lines, of both runs.
summary=$(cat "$log_dir/dotnet-test.log" "$log_dir/dotnet-test-cluster.log" |
  sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' |
  awk '{ f += $1; p += $2; s += $3; runs++ } END { if (runs) printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }')
if [ -n "$summary" ]; then echo "$summary"; else echo "No test results found."; status=1; fi
exit "$status"
