#!/bin/bash
# Paired before/after of `sim serve` on hospital-to-community (benchmarks/README.md, "sim serve"): two alternated
# rounds of the first 20 and 40 more point requests, then 3 requests of 100 futures, for each of two builds.
#   benchmarks/serve/paired.sh BEFORE/sim AFTER/sim      (about 2 minutes on a quiet machine)
# Build each with `dotnet build engine/Simulation.Cli -c Release -o DIR`.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BEFORE_SIM AFTER_SIM" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
experiment="$here/../../scenarios/hospital-to-community.json"
declare -A sim=([before]=$1 [after]=$2)
for round in 1 2; do
  for build in before after; do
    echo "== $build, round $round: load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S)"
    python3 "$here/serve-bench.py" --sim "${sim[$build]}" --experiment "$experiment" --first 20 --point 40 --futures 0 --memory 0
  done
done
for build in before after; do
  echo "== $build, futures: load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S)"
  python3 "$here/serve-bench.py" --sim "${sim[$build]}" --experiment "$experiment" --first 0 --point 0 --futures 3 --memory 0
done
echo "== done: load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S)"
