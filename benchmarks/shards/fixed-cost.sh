#!/usr/bin/env bash
# The fixed cost F of a shard process (docs/distributed.md, "Cost model"), measured as CPU seconds (user + sys): an
# empty shard (no runs: start, read, bind and check the experiment's models, write shard.json; since plans are compiled
# at their first use, an empty shard compiles none) and a one-chunk shard (the same plus compiling the plans, generating
# and JIT-compiling the step code and running one chunk of every scenario: F plus that chunk's runs), each with every
# scenario and with the baseline alone, so the cost per scenario shows. Each SIM given is measured in turn, ROUNDS
# times (default 3), interleaved, and the medians printed, with the load. Run from the repository folder.
#   benchmarks/shards/fixed-cost.sh EXPERIMENT BASELINE SIM...
#   e.g. ROUNDS=5 nice -n 19 benchmarks/shards/fixed-cost.sh "$(benchmarks/shards/prevention-outcomes.sh /tmp/bench 10000)" baseline old/sim publish/sim/sim
set -euo pipefail
experiment=${1:?usage: benchmarks/shards/fixed-cost.sh EXPERIMENT BASELINE SIM...}
baseline=${2:?usage: benchmarks/shards/fixed-cost.sh EXPERIMENT BASELINE SIM...}
shift 2
out=$(mktemp -d)
chunks=$(( ($(jq '.uncertainty.samples * (.uncertainty.replications // 1)' "$experiment") + $(jq '.outputs.chunk // 64' "$experiment") - 1) / $(jq '.outputs.chunk // 64' "$experiment") ))
empty="0/$((chunks + 1))" one="0/$chunks" # shard 0 of more shards than chunks has none; of as many, one
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $chunks chunks"
for ((r = 0; r < ${ROUNDS:-3}; r++)); do
  for sim in "$@"; do
    for shard in "$empty" "$one"; do
      for scenarios in all one; do
        args=(); [[ $scenarios == one ]] && args=(--scenario "$baseline")
        /usr/bin/time -f "%U %S" -o "$out/t" "$sim" sweep "$experiment" --shard "$shard" --threads 1 --output "$out/f" --force "${args[@]}" > /dev/null 2>&1
        echo "$sim $([[ $shard == "$empty" ]] && echo empty || echo one-chunk) $scenarios $(awk '{ print $1 + $2 }' "$out/t")" >> "$out/all"
      done
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# the median CPU seconds of each (sim, shard, scenarios), and every round's
cut -d' ' -f1-3 "$out/all" | sort -u | while read -r key; do
  values=$(grep -F "$key " "$out/all" | cut -d' ' -f4 | sort -n | tr '\n' ' ')
  echo "$key: $(echo "$values" | awk '{ print $(int((NF + 1) / 2)) }') s (rounds: $values)"
done
rm -rf "$out"
