#!/usr/bin/env bash
# Does sim merge's memory depend on the number of runs? A tiny model (so runs cost next to nothing and the tables
# dominate), 2 scenarios, swept in 4 shards at each sample count given, then merged; prints the merge's peak memory
# and CPU against the runs, and the size of the tables it wrote. The tables stream (one chunk at a time); what grows
# is the summary's 8 bytes per run and outcome column (it needs every value for its quantiles).
#   benchmarks/shards/merge-memory.sh SIM [OUT] [SAMPLES...]
#   e.g. nice -n 19 benchmarks/shards/merge-memory.sh publish/sim/sim /tmp/merge-memory 25000 100000 400000 1600000
set -euo pipefail
sim=${1:?usage: benchmarks/shards/merge-memory.sh SIM [OUT] [SAMPLES...]}
out=${2:-$(mktemp -d)}
shift $(( $# >= 2 ? 2 : 1 ))
samples=("${@:-25000 100000 400000}"); samples=(${samples[*]})
mkdir -p "$out"
cat > "$out/drain.json" <<'MODEL'
{ "name": "drain", "time": { "start": 0, "stop": 10, "dt": 1, "units": "years" },
  "variables": [
    { "name": "Stock", "kind": "stock", "initial": 100, "outflows": ["Out"] },
    { "name": "Out", "kind": "flow", "equation": "Stock * Rate" },
    { "name": "Rate", "kind": "auxiliary", "equation": 0.1, "input": true, "range": [0.05, 0.2] } ] }
MODEL
for s in "${samples[@]}"; do
  cat > "$out/drain-$s.json" <<EXPERIMENT
{ "name": "drain", "model": "drain.json", "seed": 1,
  "scenarios": [ { "name": "base" }, { "name": "faster", "set": { "Rate": 0.15 } } ],
  "uncertainty": { "design": "monteCarlo", "samples": $s, "inputs": [ { "input": "Rate", "distribution": "uniform", "min": 0.5, "max": 1.5, "apply": "multiply" } ] },
  "outcomes": [ { "name": "left", "value": "Stock" }, { "name": "drained", "total": "Out" }, { "name": "saved", "avoided": "left" } ] }
EXPERIMENT
  rm -rf "$out/$s"; mkdir -p "$out/$s"
  for i in 0 1 2 3; do "$sim" sweep "$out/drain-$s.json" --shard "$i/4" --output "$out/$s/shard-$i" --threads 1 > /dev/null 2>> "$out/log"; done
  /usr/bin/time -f "%M %U %S %e" -o "$out/$s/time" "$sim" merge "$out/$s"/shard-* --output "$out/$s/merged" > /dev/null 2>> "$out/log"
  read -r peak user sys wall < "$out/$s/time"
  tables=$(du -ck "$out/$s/merged"/*.parquet | tail -1 | cut -f1)
  echo "$((2 * s)) runs: merge peak $((peak / 1024)) MB, $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s CPU, $wall s wall; tables written $((tables / 1024)) MB"
done
