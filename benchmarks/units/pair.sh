#!/usr/bin/env bash
# Paired whole-process CPU time (user+sys) of one run of the hospital model, two builds of sim side by side,
# interleaved, five rounds (about a minute on a loaded 2-core machine).
#   benchmarks/units/pair.sh BEFORE_DIR AFTER_DIR     (folders holding a Release build of sim each)
# Build one with: dotnet build engine/Simulation.Cli -c Release -o /tmp/sim-after
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1 after=$2 out=$(mktemp -d)
for round in 1 2 3 4 5; do
  for v in before after; do
    dir=$before; [ "$v" = after ] && dir=$after
    /usr/bin/time -f "$v %U %S" -a -o "$out/times.txt" "$dir/sim" run models/hospital-to-community.json --output "$out/$v.csv" --force >/dev/null 2>&1
  done
done
uptime
awk '{cpu[$1] += $2 + $3; n[$1]++} END {printf "before %.2f s, after %.2f s CPU a run (mean of %d), ratio %.3f\n", cpu["before"]/n["before"], cpu["after"]/n["after"], n["after"], cpu["after"]/cpu["before"]}' "$out/times.txt"
cmp -s "$out/before.csv" "$out/after.csv" && echo "the two builds write the same results" || echo "the results differ"
rm -rf "$out"
