#!/usr/bin/env bash
# sim merge of the same shard folders by two builds, interleaved round by round (so a change of load touches both
# alike): prints each merge's CPU (user + sys), wall time, peak memory and the load average, then the medians and
# their ratio, and checks that the two builds' merged folders are byte for byte the same (pass SAME=0 when the change
# is meant to alter the files, e.g. a new table layout). The shard folders are only read; the merged folders go to OUT.
#   benchmarks/shards/merge-paired.sh BEFORE_SIM AFTER_SIM OUT SHARD_DIR...
#   e.g. ROUNDS=3 benchmarks/shards/merge-paired.sh /tmp/sim-main/sim publish/sim/sim /tmp/merge-paired /tmp/bench/shard-*
set -euo pipefail
before=${1:?usage: benchmarks/shards/merge-paired.sh BEFORE_SIM AFTER_SIM OUT SHARD_DIR...}
after=${2:?}
out=${3:?}
shift 3
rounds=${ROUNDS:-3}
mkdir -p "$out"
: > "$out/cpu-before"; : > "$out/cpu-after"
for r in $(seq 1 "$rounds"); do
  for which in before after; do
    sim=$before; [ "$which" = after ] && sim=$after
    /usr/bin/time -f "%U %S %e %M" -o "$out/time" "$sim" merge "$@" --output "$out/$which" --force > /dev/null 2>> "$out/log"
    read -r user sys wall peak < "$out/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    echo "$cpu" >> "$out/cpu-$which"
    echo "round $r $which: ${cpu} s CPU (${user} user, ${sys} sys), ${wall} s wall, $((peak / 1024)) MB peak; load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
b=$(median "$out/cpu-before"); a=$(median "$out/cpu-after")
awk -v b="$b" -v a="$a" 'BEGIN { printf "median CPU: before %.2f s, after %.2f s: %+.1f%%\n", b, a, 100 * (a / b - 1) }'
if [ "${SAME:-1}" = 1 ]; then
  for f in "$out/before"/*; do cmp -s "$f" "$out/after/$(basename "$f")" || { echo "DIFFERS: $(basename "$f")"; exit 1; }; done
  echo "both builds' merged folders are byte for byte the same ($(ls "$out/before" | tr '\n' ' '))"
fi
