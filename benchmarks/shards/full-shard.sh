#!/usr/bin/env bash
# What a long shard costs (docs/distributed.md, "Cost model"): CPU seconds (user + sys) of one full shard, shard I of
# N of the experiment (default 3/16, as benchmarks/shards/run.sh splits it), on one thread, for each SIM given, ROUNDS
# times (default 3), interleaved, and the medians printed with the load. A SIM may be a published folder whose
# sim.runtimeconfig.json differs (a runtime setting tried without a rebuild: copy the folder with cp -al, replace the
# file). With TRACE=1 each run keeps its SIM_TRACE lines in OUT (trace-SIM-ROUND.txt); with JIT=1, the methods it
# JIT-compiled with their tiers (jit-SIM-ROUND.txt).
# Run from the repository folder.
#   benchmarks/shards/full-shard.sh EXPERIMENT SHARD SIM...
#   e.g. ROUNDS=3 benchmarks/shards/full-shard.sh "$(benchmarks/shards/prevention-outcomes.sh /tmp/bench 10000)" 3/16 old/sim new/sim
set -euo pipefail
experiment=${1:?usage: benchmarks/shards/full-shard.sh EXPERIMENT SHARD SIM...}
shard=${2:?usage: benchmarks/shards/full-shard.sh EXPERIMENT SHARD SIM...}
shift 2
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
: > "$out/all"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); shard $shard"
for ((r = 0; r < ${ROUNDS:-3}; r++)); do
  for sim in "$@"; do
    env=() name=$(echo "$sim" | tr '/' '_')
    [[ ${TRACE:-0} == 1 ]] && env+=(SIM_TRACE=1)
    [[ ${JIT:-0} == 1 ]] && env+=(DOTNET_JitDisasmSummary=1 "DOTNET_JitStdOutFile=$out/jit-$name-$r.txt")
    env "${env[@]}" /usr/bin/time -f "%U %S" -o "$out/t" "$sim" sweep "$experiment" --shard "$shard" --threads 1 --output "$out/f" --force \
      > /dev/null 2> "$out/trace-$name-$r.txt"
    echo "$sim $(awk '{ print $1 + $2 }' "$out/t") $(cut -d' ' -f1 /proc/loadavg)" >> "$out/all"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for sim in "$@"; do
  values=$(grep -F "$sim " "$out/all" | cut -d' ' -f2 | sort -n | tr '\n' ' ')
  echo "$sim: $(echo "$values" | awk '{ print $(int((NF + 1) / 2)) }') s (rounds: $values)"
done
[[ -n ${OUT:-} ]] || rm -rf "$out"
