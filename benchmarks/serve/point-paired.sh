#!/usr/bin/env bash
# In-process point requests of sim serve (no HTTP), two builds of the benchmark tool alternated process by process:
#   benchmarks/serve/point-paired.sh BEFORE_DIR AFTER_DIR [ROUNDS] [COUNT] [PACK] [FUTURES]
# Each DIR holds a Release build of benchmarks/Simulation.Benchmarks, inside the repository (it finds the models from
# there): e.g. `cp -r benchmarks/Simulation.Benchmarks/bin/Release/net10.0 bin/bench-before` before a change.
# Each round runs `point COUNT PACK FUTURES` in BEFORE then AFTER (order swapped every other round) and prints their
# median CPU per request; about 20 s a round at COUNT 40 on a quiet machine.
set -euo pipefail
before=$1 after=$2 rounds=${3:-4} count=${4:-40} pack=${5:-hospital-to-community} futures=${6:-0}
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then order="before after"; else order="after before"; fi
  for b in $order; do
    dir=$before; [[ $b == after ]] && dir=$after
    printf '%-6s round %d: ' "$b" "$r"
    dotnet "$dir/Simulation.Benchmarks.dll" point "$count" "$pack" "$futures"
  done
done
