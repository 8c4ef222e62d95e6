#!/usr/bin/env bash
# sim discover on 100,000 runs, whole process (target: under 10 s for PRIM). Sweeps
# benchmarks/sensitivity/discover-100k.json once into benchmarks/.out/discover-100k (reused afterwards), then times
# `sim discover` ROUNDS times (default 5) asking where mean occupancy is above 0.95, and prints each time and the median.
#
#   benchmarks/sensitivity/discover.sh
#   ROUNDS=9 benchmarks/sensitivity/discover.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-5}
out=benchmarks/.out
sweep=$out/discover-100k
mkdir -p "$out"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# SIM=path/to/sim uses that build; otherwise a Release build, copied so that a later build cannot change the program
# under a running benchmark
if [ -n "${SIM:-}" ]; then sim=$SIM; else
  dotnet build engine/Simulation.Cli -c Release -v quiet -nologo >"$out/build.log" || { cat "$out/build.log"; exit 1; }
  rm -rf "$out/sim-bin" && cp -r engine/Simulation.Cli/bin/Release/net10.0 "$out/sim-bin"
  sim=$out/sim-bin/sim
fi
[ -f "$sweep/outcomes.parquet" ] || "$sim" sweep benchmarks/sensitivity/discover-100k.json --output "$sweep" --force >"$out/discover-sweep.log" 2>&1
times=()
for r in $(seq 1 "$rounds"); do
  /usr/bin/time -f "%e %U %S" -o "$out/discover.time" "$sim" discover "$sweep" --outcome "Mean occupancy" --above 0.95 >"$out/discover.log" 2>&1
  read -r wall user sys <"$out/discover.time"
  times+=("$wall")
  echo "round $r: ${wall}s wall, $(echo "$user + $sys" | bc)s cpu; load $(cut -d' ' -f1 /proc/loadavg)"
done
printf "median %ss\n" "$(printf "%s\n" "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}')"
head -1 "$out/discover.log"
