#!/usr/bin/env bash
# One-chunk shards of EXPERIMENT (shard 0/625: 16 runs of each scenario) for each SIM in turn, ROUNDS times (default 7),
# interleaved: CPU seconds (user + sys) of the process (col2), of SIM_TRACE's "step code generated" stage (col3) and of the
# first chunk of scenario 0 (col4: the step code's JIT and 16 runs); medians and every round. About 3 s a process.
#   ROUNDS=7 benchmarks/shards/step-code-paired.sh "$(benchmarks/shards/prevention-outcomes.sh /tmp/f 10000)" old/sim new/sim
exp=$1; shift
rounds=${ROUNDS:-7}
out=$(mktemp -d)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < rounds; r++)); do
  for sim in "$@"; do
    SIM_TRACE=1 /usr/bin/time -f "%U %S" -o $out/t "$sim" sweep "$exp" --shard 0/625 --threads 1 --output $out/f --force > /dev/null 2> $out/trace
    gen=$(grep "step code generated" $out/trace | sed 's/.*+ *\([0-9.]*\) cpu.*/\1/')
    first=$(grep "first chunk of scenario 0 " $out/trace | sed 's/.*+ *\([0-9.]*\) cpu.*/\1/')
    echo "$sim $(awk '{print $1+$2}' $out/t) $gen $first" >> $out/all
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for sim in "$@"; do
  for col in 2 3 4; do
    vals=$(grep "^$sim " $out/all | cut -d' ' -f$col | sort -n | tr '\n' ' ')
    echo "$sim col$col median $(echo $vals | awk '{print $(int((NF+1)/2))}') ($vals)"
  done
done
rm -rf $out
