#!/usr/bin/env bash
# Processor time of `sim check` on a model with one equation of N ORed copies of a term holding three unit mismatches
# (the shape of fuzz case 53,232 of seed 1205): it must grow linearly with N and print one SD4001 for the equation.
#   benchmarks/unit-warnings.sh [N...]        (default 1 5000 20000; about a minute on a quiet 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/.out
mkdir -p "$out"
dotnet build engine/Simulation.Cli -c Release -v quiet -nologo >"$out/build-units.log" || { cat "$out/build-units.log"; exit 1; }
sim="dotnet engine/Simulation.Cli/bin/Release/net10.0/sim.dll"
term='(MAX(0, Beds - Patients) / Intake time + SUM(Step up ends[*]) + SUM(Step down ends[*]))'
for n in "${@:-1 5000 20000}"; do
  for k in $n; do
    chain=$(awk -v n="$k" -v t="$term" 'BEGIN { s = t; for (i = 1; i < n; i++) s = s " OR " t; print s }')
    cat >"$out/unit-warnings-$k.json" <<JSON
{ "name": "unit-warnings",
  "time": { "start": 0, "stop": 2, "dt": 1, "units": "days" },
  "dimensions": [{ "name": "Band", "size": 3 }],
  "variables": [
    { "name": "Beds", "kind": "auxiliary", "equation": 40, "units": "beds" },
    { "name": "Patients", "kind": "auxiliary", "equation": 30, "units": "people" },
    { "name": "Intake time", "kind": "auxiliary", "equation": 2, "units": "days" },
    { "name": "Step up ends", "kind": "auxiliary", "dimensions": ["Band"], "equation": 1, "units": "people/day" },
    { "name": "Step down ends", "kind": "auxiliary", "dimensions": ["Band"], "equation": 2, "units": "people/day" },
    { "name": "Open", "kind": "auxiliary", "equation": "$chain" } ] }
JSON
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "%U %S %M" -o "$out/unit-warnings.time" $sim check "$out/unit-warnings-$k.json" >/dev/null 2>"$out/unit-warnings.err" || { tail "$out/unit-warnings.err"; exit 1; }
    read -r user sys rss <"$out/unit-warnings.time"
    echo "$k terms: $(grep -c 'warning SD4001' "$out/unit-warnings.err") SD4001, processor time $(echo "$user + $sys" | bc) s, peak $((rss / 1024)) MB (load average $load)"
  done
done
