#!/usr/bin/env bash
# sim sensitivity against a plain sweep of the same run count, whole process, interleaved rounds.
#
# benchmarks/sensitivity/hospital-10.json is the hospital-to-community model's baseline under ten uncertain inputs.
# `sim sweep` runs it as written (a Sobol'-design sweep of 49,152 runs); `sim sensitivity --samples N` runs Saltelli's
# design of N x 12 runs and then computes the indices with 1,000 bootstrap resamples. With N = 4,096 both make 49,152
# runs (the target: sensitivity within 1.1x of the sweep). A smaller N runs the sweep at N x 12 samples too (a copy
# of the experiment with that sample count), so the two always do the same number of runs.
#
#   benchmarks/sensitivity/run.sh                 N = 4,096, 1 round (tens of minutes a command on two cores)
#   N=512 ROUNDS=5 benchmarks/sensitivity/run.sh  quicker pairs, more rounds
#
# Prints, per round, each command's wall and CPU (user + system) seconds, the ratio sensitivity / sweep, and the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${N:-4096}
rounds=${ROUNDS:-1}
out=benchmarks/.out/sensitivity
mkdir -p "$out"
runs=$((n * 12))
experiment=benchmarks/sensitivity/hospital-10.json
if [ "$runs" != 49152 ]; then
  sed "s/\"samples\": 49152/\"samples\": $runs/" "$experiment" >"benchmarks/sensitivity/.hospital-10-$runs.json"
  experiment="benchmarks/sensitivity/.hospital-10-$runs.json"
fi

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# SIM=path/to/sim uses that build; otherwise a Release build, copied so that a later build cannot change the program
# under a running benchmark
if [ -n "${SIM:-}" ]; then sim=$SIM; else
  dotnet build engine/Simulation.Cli -c Release -v quiet -nologo >"$out/build.log" || { cat "$out/build.log"; exit 1; }
  rm -rf "$out/sim-bin" && cp -r engine/Simulation.Cli/bin/Release/net10.0 "$out/sim-bin"
  sim=$out/sim-bin/sim
fi

# one NAME ARGS...: runs sim ARGS and prints "wall cpu" seconds
one() {
  local name=$1; shift
  rm -rf "$out/$name"
  /usr/bin/time -f "%e %U %S" -o "$out/$name.time" "$sim" "$@" --output "$out/$name" >"$out/$name.log" 2>&1
  awk '{printf "%.2f %.2f", $1, $2 + $3}' "$out/$name.time"
}

echo "== $rounds round(s), $runs runs each (N = $n)"
ratios_wall=(); ratios_cpu=()
for r in $(seq 1 "$rounds"); do
  # alternate which goes first, so a drift in the machine's load does not favour one
  if [ $((r % 2)) = 1 ]; then
    sweep=$(one sweep sweep "$experiment"); sens=$(one sensitivity sensitivity "$experiment" --samples "$n")
  else
    sens=$(one sensitivity sensitivity "$experiment" --samples "$n"); sweep=$(one sweep sweep "$experiment")
  fi
  read -r sw sc <<<"$sweep"; read -r ew ec <<<"$sens"
  rw=$(echo "$ew / $sw" | bc -l); rc=$(echo "$ec / $sc" | bc -l)
  ratios_wall+=("$rw"); ratios_cpu+=("$rc")
  printf "round %d: sweep %ss wall %ss cpu; sensitivity %ss wall %ss cpu; ratio wall %.3f cpu %.3f; load %s\n" \
    "$r" "$sw" "$sc" "$ew" "$ec" "$rw" "$rc" "$(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf "%s\n" "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
printf "median ratio sensitivity / sweep: wall %.3f, cpu %.3f\n" "$(median "${ratios_wall[@]}")" "$(median "${ratios_cpu[@]}")"
grep -h "analysed" "$out/sensitivity.log" || true
