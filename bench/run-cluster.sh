#!/usr/bin/env bash
# One Redis against the 3-master Redis Cluster (issue 21), same machine, same run: bench/Load's logins and
# second-factor submits (--logins-and-steps) on each, one after the other; two bench/results/load-<time>.json files.
# Usage: bench/run-cluster.sh [--seconds N] [--otp-pool N] [--captcha-pool N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
services_up
trap services_down EXIT
dotnet build LoginOrchestrator.slnx -c Release --nologo -v quiet
for redis in "$LO_TEST_REDIS" "$LO_TEST_REDIS_CLUSTER"; do
  echo "=== Redis: $redis"
  LO_TEST_REDIS="$redis" dotnet bench/Load/bin/Release/net10.0/LoginOrchestrator.Bench.Load.dll --logins-and-steps "$@" |
    grep -E '^(password login|GET |POST |API CPU|written to)'
  sleep 2 # distinct result file names (one a second)
done
