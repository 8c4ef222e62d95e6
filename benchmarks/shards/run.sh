#!/usr/bin/env bash
# Sharded sweep benchmark (docs/distributed.md): the whole sweep on one process, then N shards as separate local
# processes (two at a time, one thread each), then sim merge, then the whole sweep again (so that a change of load
# during the sitting shows); prints each step's CPU seconds (user + sys) and peak memory, the shards' CPU over the
# whole sweep's, and checks that the merged folder is byte for byte the whole sweep's. Run it from the repository
# folder: the summary records the experiment's path as seen from the working folder, so whole sweep and merge must
# share it.
#   benchmarks/shards/run.sh SIM [N] [EXPERIMENT] [OUT]
#   e.g. nice -n 19 benchmarks/shards/run.sh publish/sim/sim 16
#        nice -n 19 benchmarks/shards/run.sh publish/sim/sim 16 "$(benchmarks/shards/prevention-outcomes.sh /tmp/bench)" /tmp/bench
set -euo pipefail
sim=${1:?usage: benchmarks/shards/run.sh SIM [N] [EXPERIMENT] [OUT]}
n=${2:-16}
experiment=${3:-$(dirname "$0")/hospital-beds-outcomes.json}
out=${4:-$(mktemp -d)}
timed() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" -o "$1" "${@:2}" > /dev/null 2>> "$out/log"; }
cpu() { awk '{ print $4 + $7 }' "$1"; }
rm -rf "$out/whole" "$out/whole-again" "$out"/shard-* "$out/merged" "$out/times"; mkdir -p "$out/times"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
timed "$out/times/whole" "$sim" sweep "$experiment" --output "$out/whole" --threads 1
echo "whole sweep, 1 thread: $(cat "$out/times/whole")"
for ((i = 0; i < n; i += 2)); do
  timed "$out/times/shard-$i" "$sim" sweep "$experiment" --output "$out/shard-$i" --shard "$i/$n" --threads 1 &
  if ((i + 1 < n)); then timed "$out/times/shard-$((i + 1))" "$sim" sweep "$experiment" --output "$out/shard-$((i + 1))" --shard "$((i + 1))/$n" --threads 1 & fi
  wait
done
shards=$(cat "$out"/times/shard-* | awk '{ cpu += $4 + $7 } END { printf "%.2f", cpu }')
cat "$out"/times/shard-* | awk '{ wall += $1; cpu += $4 + $7; if ($10 > peak) peak = $10 } END { printf "%d shards, 1 thread each: %.2f s CPU in all (user + sys), %.1f s wall added up, largest peak %d KB\n", NR, cpu, wall, peak }'
timed "$out/times/merge" "$sim" merge "$out"/shard-* --output "$out/merged"
echo "merge: $(cat "$out/times/merge")"
timed "$out/times/whole-again" "$sim" sweep "$experiment" --output "$out/whole-again" --threads 1
echo "whole sweep again: $(cat "$out/times/whole-again")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v s="$shards" -v a="$(cpu "$out/times/whole")" -v b="$(cpu "$out/times/whole-again")" -v m="$(cpu "$out/times/merge")" 'BEGIN {
  w = (a + b) / 2; printf "shards over the whole sweep (mean of its two runs, %.2f s): %+.1f%%; with the merge: %+.1f%%\n", w, 100 * (s / w - 1), 100 * ((s + m) / w - 1) }'
for f in "$out"/whole/*; do cmp -s "$f" "$out/merged/$(basename "$f")" || { echo "DIFFERS: $(basename "$f")"; exit 1; }; done
echo "merged outputs are byte for byte the whole sweep's ($(ls "$out/whole" | tr '\n' ' '))"
