#!/usr/bin/env bash
# Microbenchmarks of the state machine (BenchmarkDotNet); results under bench/results/micro/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Micro -- --filter '*' --exporters json markdown --artifacts bench/results/micro "$@"
