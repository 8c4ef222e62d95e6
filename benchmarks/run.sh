#!/usr/bin/env bash
# icb-bench, side by side in one sitting: builds the C references (benchmarks/reference/) and two
# ReadyToRun builds of `sim`, then runs them in interleaved rounds and prints the median time of each,
# whole process and in process, with ratios to c_hoisted and c_simd (the ratios are what to quote).
# The builds: `sim`, framework-dependent (the app precompiled, the shared .NET runtime installed on the
# machine), and `sim_composite`, self-contained with the runtime and the app precompiled together as one
# composite image (a 110 MB folder and a 3-minute publish, but less start-up work: fewer methods left to
# the JIT and fewer cross-image fixups). Both run the same code; only start-up differs.
#
#   benchmarks/run.sh              5 rounds of the 1,000-run sweep, 2 threads
#   ROUNDS=9 benchmarks/run.sh     more rounds
#   SCALAR=1 benchmarks/run.sh     also c_scalar (about 6 s a round)
#   benchmarks/run.sh --bdn        then the BenchmarkDotNet suite too (long: tens of minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/.out
mkdir -p "$out"
rounds=${ROUNDS:-5}
model=benchmarks/icb-bench/icb-bench.json
design=benchmarks/icb-bench/icb-bench-scenarios.csv

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)|L1d|L2|L3' | sed 's/  */ /g'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  (other work on the machine skews every number)"

echo "== build"
gcc -O3 -march=native -fopenmp benchmarks/reference/c_simd.c -lm -o "$out/c_simd"
gcc -O3 -march=native -fopenmp benchmarks/reference/c_hoisted.c -lm -o "$out/c_hoisted"
gcc -O3 -march=native benchmarks/reference/c_scalar.c -lm -o "$out/c_scalar"
# ReadyToRun (precompiled, so start-up does not wait for the JIT), for x86-64-v3 (AVX2) like -march=native above.
# From clean intermediate folders: an incremental ReadyToRun publish once produced a sim that aborted on start.
rm -rf "$out/sim" engine/*/obj/Release/net10.0/linux-x64 engine/*/bin/Release/net10.0/linux-x64
dotnet publish engine/Simulation.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3 -o "$out/sim" -v quiet -nologo >"$out/publish.log" || { cat "$out/publish.log"; exit 1; }
sim="$out/sim/sim"
rm -rf "$out/sim-composite" engine/*/obj/Release/net10.0/linux-x64 engine/*/bin/Release/net10.0/linux-x64
dotnet publish engine/Simulation.Cli -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
  -p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3 -o "$out/sim-composite" -v quiet -nologo >"$out/publish.log" || { cat "$out/publish.log"; exit 1; }
sim_composite="$out/sim-composite/sim"

now() { date +%s.%N; }
declare -A whole inproc

# time_one NAME COMMAND...: whole-process wall time, and the in-process sweep time the program reports
time_one() {
  local name=$1; shift
  local t0 t1 log
  log="$out/$name.log"
  t0=$(now)
  "$@" >"$log" 2>&1
  t1=$(now)
  whole[$name]+="$(echo "$t1 - $t0" | bc -l) "
  local inner
  inner=$(grep -Eo 'best_sweep_s=[0-9.]+' "$log" | cut -d= -f2 || true)
  if [ -z "$inner" ]; then inner=$(awk '/ms  run and write/ {print $1 / 1000}' "$log"); fi
  inproc[$name]+="$inner "
}

names=(c_simd c_hoisted sim_2_threads sim_1_thread sim_composite_2_threads)
[ "${SCALAR:-0}" = 1 ] && names+=(c_scalar)
echo "== $rounds interleaved rounds of the 1,000-run sweep"
for ((r = 1; r <= rounds; r++)); do
  time_one c_simd env OMP_NUM_THREADS=2 "$out/c_simd" 1000 1
  time_one c_hoisted env OMP_NUM_THREADS=2 "$out/c_hoisted" 1000 1
  time_one sim_2_threads "$sim" run "$model" --design "$design" --vars "total pop,B,C,K" --output "$out/sim-2.csv" --force --threads 2 --timings
  time_one sim_composite_2_threads "$sim_composite" run "$model" --design "$design" --vars "total pop,B,C,K" --output "$out/sim-c2.csv" --force --threads 2 --timings
  time_one sim_1_thread "$sim" run "$model" --design "$design" --vars "total pop,B,C,K" --output "$out/sim-1.csv" --force --threads 1 --timings
  [ "${SCALAR:-0}" = 1 ] && time_one c_scalar "$out/c_scalar" 1000 1
  echo "round $r done"
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
declare -A mw mi
for n in "${names[@]}"; do
  mw[$n]=$(echo "${whole[$n]}" | median)
  mi[$n]=$(echo "${inproc[$n]}" | median)
done

echo "== median of $rounds rounds (seconds); ratios of whole-process times"
printf '%-24s %10s %10s %12s %10s\n' implementation whole in-process "x c_hoisted" "x c_simd"
for n in "${names[@]}"; do
  printf '%-24s %10.3f %10.3f %12.2f %10.2f\n' "$n" "${mw[$n]}" "${mi[$n]}" \
    "$(echo "${mw[$n]} / ${mw[c_hoisted]}" | bc -l)" "$(echo "${mw[$n]} / ${mw[c_simd]}" | bc -l)"
done
printf 'sim 1 -> 2 threads: %.2fx (in process), %.2fx (whole process)\n' \
  "$(echo "${mi[sim_1_thread]} / ${mi[sim_2_threads]}" | bc -l)" "$(echo "${mw[sim_1_thread]} / ${mw[sim_2_threads]}" | bc -l)"

echo "== cross-check (runs 0, 7, 999): C, then sim (total pop, B, C, K)"
grep CHECK "$out/c_hoisted.log"
awk -F, 'NR == 2 || NR == 9 || NR == 1001' "$out/sim-2.csv"
cmp -s "$out/sim-2.csv" "$out/sim-c2.csv" && echo "the composite build wrote the same file" || { echo "the two builds' outputs differ"; exit 1; }
echo "== where sim's time goes (last 2-thread round)"
grep ' ms ' "$out/sim_2_threads.log"

if [ "${1:-}" = --bdn ]; then
  echo "== BenchmarkDotNet suite"
  dotnet run -c Release --project benchmarks/Simulation.Benchmarks -- --filter '*'
fi
