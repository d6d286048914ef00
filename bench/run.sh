#!/usr/bin/env bash
# The load benchmark (issue #10): starts MariaDB and Redis if needed (scripts/services.sh), builds Release,
# runs bench/Load and writes bench/results/load-<time>.json. Usage: bench/run.sh [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
services_up
# wrk (Debian) drives the floor and GET flow: lighter than the C# client on a 2-core machine.
command -v wrk >/dev/null || _apt_install wrk
trap services_down EXIT
dotnet build LoginOrchestrator.slnx -c Release --nologo -v quiet
dotnet bench/Load/bin/Release/net10.0/LoginOrchestrator.Bench.Load.dll "$@"
