#!/usr/bin/env bash
# Processor time of `sim run` on a model drawing RANDOM_LOOKUP 1,000,500 times (500 elements x 2,001 steps, a
# 10-point table), this build against another (BEFORE=path/to/sim.dll, e.g. a Release build of an older commit),
# interleaved round by round, with the load average beside each figure.
#   BEFORE=/tmp/old/engine/Simulation.Cli/bin/Release/net10.0/sim.dll benchmarks/random-lookup/run.sh [ROUNDS]
# (default 5 rounds; about a minute on a quiet 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=benchmarks/.out
mkdir -p "$out"
dotnet build engine/Simulation.Cli -c Release -v quiet -nologo >"$out/build-random-lookup.log" || { cat "$out/build-random-lookup.log"; exit 1; }
after=engine/Simulation.Cli/bin/Release/net10.0/sim.dll
model=benchmarks/random-lookup/model.json
cpu() { # processor time (user + sys, s) of one run
  /usr/bin/time -f "%U %S" -o "$out/random-lookup.time" dotnet "$1" run "$model" --output "$out/random-lookup.csv" --force >/dev/null 2>&1
  read -r user sys <"$out/random-lookup.time"
  echo "$user + $sys" | bc
}
dotnet "$after" run "$model" --output "$out/random-lookup-after.csv" --force >/dev/null 2>&1
dotnet "${BEFORE:-$after}" run "$model" --output "$out/random-lookup-before.csv" --force >/dev/null 2>&1
cmp -s "$out/random-lookup-after.csv" "$out/random-lookup-before.csv" && echo "same output, bit for bit" || { echo "outputs differ"; exit 1; }
for round in $(seq "${1:-5}"); do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  b=$([ -n "${BEFORE:-}" ] && cpu "$BEFORE" || echo -)
  a=$(cpu "$after")
  echo "round $round: before $b s, after $a s (load average $load)"
done
