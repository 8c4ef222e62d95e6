#!/usr/bin/env bash
# Sharded sweep benchmark (docs/distributed.md): the whole sweep on one process and N shards as separate local
# processes (one thread each), P processes at a time (the whole sweep first in the queue, so that it runs alongside
# the shards and a change of load during the sitting touches both alike), then sim merge; prints each step's CPU
# seconds (user + sys) and peak memory, the shards' CPU over the whole sweep's, and checks that the merged folder is
# byte for byte the whole sweep's. With AGAIN=1 the whole sweep runs once more at the end (to show drift in load).
# Run it from the repository folder: the summary records the experiment's path as seen from the working folder, so
# whole sweep and merge must share it.
#   benchmarks/shards/run.sh SIM [N] [EXPERIMENT] [OUT] [P]
#   e.g. nice -n 19 benchmarks/shards/run.sh publish/sim/sim 16
#        nice -n 19 benchmarks/shards/run.sh publish/sim/sim 16 "$(benchmarks/shards/prevention-outcomes.sh /tmp/bench 10000)" /tmp/bench 6
set -euo pipefail
sim=${1:?usage: benchmarks/shards/run.sh SIM [N] [EXPERIMENT] [OUT] [P]}
n=${2:-16}
experiment=${3:-$(dirname "$0")/hospital-beds-outcomes.json}
out=${4:-$(mktemp -d)}
parallel=${5:-2}
timed() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" -o "$1" "${@:2}" > /dev/null 2>> "$out/log"; }
cpu() { awk '{ print $4 + $7 }' "$1"; }
rm -rf "$out/whole" "$out/whole-again" "$out"/shard-* "$out/merged" "$out/times"; mkdir -p "$out/times"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
job() { # job whole | job I
  if [[ $1 == whole ]]; then timed "$out/times/whole" "$sim" sweep "$experiment" --output "$out/whole" --threads 1
  else timed "$out/times/shard-$1" "$sim" sweep "$experiment" --output "$out/shard-$1" --shard "$1/$n" --threads 1; fi
  echo "  $1 done at $(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg)"
}
running=0
for j in whole $(seq 0 $((n - 1))); do
  job "$j" &
  if (( ++running >= parallel )); then wait -n; running=$((running - 1)); fi
done
wait
echo "whole sweep, 1 thread: $(cat "$out/times/whole")"
shards=$(cat "$out"/times/shard-* | awk '{ cpu += $4 + $7 } END { printf "%.2f", cpu }')
cat "$out"/times/shard-* | awk '{ wall += $1; cpu += $4 + $7; if ($10 > peak) peak = $10 } END { printf "%d shards, 1 thread each: %.2f s CPU in all (user + sys), %.1f s wall added up, largest peak %d KB\n", NR, cpu, wall, peak }'
timed "$out/times/merge" "$sim" merge "$out"/shard-* --output "$out/merged"
echo "merge: $(cat "$out/times/merge")"
whole=$(cpu "$out/times/whole")
if [[ ${AGAIN:-0} == 1 ]]; then
  timed "$out/times/whole-again" "$sim" sweep "$experiment" --output "$out/whole-again" --threads 1
  echo "whole sweep again: $(cat "$out/times/whole-again")"
  whole=$(awk -v a="$whole" -v b="$(cpu "$out/times/whole-again")" 'BEGIN { print (a + b) / 2 }')
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v s="$shards" -v w="$whole" -v m="$(cpu "$out/times/merge")" -v n="$n" 'BEGIN {
  printf "shards over the whole sweep (%.2f s): %+.1f%%; with the merge: %+.1f%%; F implied by the difference: %.2f s a shard\n", w, 100 * (s / w - 1), 100 * ((s + m) / w - 1), (s - w) / (n - 1) }'
for f in "$out"/whole/*; do cmp -s "$f" "$out/merged/$(basename "$f")" || { echo "DIFFERS: $(basename "$f")"; exit 1; }; done
echo "merged outputs are byte for byte the whole sweep's ($(ls "$out/whole" | tr '\n' ' '))"
