#!/usr/bin/env bash
# Whole-process cost of `sim loops MODEL --dominance` on the bundled models: processor time (user + sys), wall time and
# peak memory, with the load average beside each. With BEFORE=<an older sim.dll>, each model is timed with it too,
# interleaved (hospital-to-community with --max 50 there: the old default, 10,000 loops, takes about 40 minutes).
#   benchmarks/loops/run.sh [ROUNDS]        (default 1; about 2 minutes a round on a quiet 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=benchmarks/.out
mkdir -p "$out"
dotnet build engine/Simulation.Cli -c Release -v quiet -nologo >"$out/build-loops.log" || { cat "$out/build-loops.log"; exit 1; }
after="engine/Simulation.Cli/bin/Release/net10.0/sim.dll"
measure() { # label dll args...
  local label=$1 dll=$2; shift 2
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f "%U %S %e %M" -o "$out/loops.time" dotnet "$dll" loops "$@" --dominance --format csv >"$out/loops.csv" 2>"$out/loops.err" \
    || { tail "$out/loops.err"; exit 1; }
  read -r user sys wall rss <"$out/loops.time"
  printf '%-8s %-34s %7.2f s CPU %7.2f s wall %5d MB  %3d loops  (load %s)\n' "$label" "$*" "$(echo "$user + $sys" | bc)" "$wall" $((rss / 1024)) \
    "$(head -1 "$out/loops.csv" | grep -o ' relative' | wc -l)" "$load"
}
for round in $(seq "${1:-1}"); do
  for model in sir hospital-beds ageing-chain illness-to-prevention hospital-to-community; do
    [[ -n "${BEFORE:-}" ]] && { if [[ $model == hospital-to-community ]]; then measure before "$BEFORE" "models/$model.json" --max 50; else measure before "$BEFORE" "models/$model.json"; fi; }
    measure after "$after" "models/$model.json"
  done
done
