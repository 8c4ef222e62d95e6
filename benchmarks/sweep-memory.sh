#!/usr/bin/env bash
# Peak memory of `sim sweep` for outcome-only sweeps of 10,000 and 100,000 runs (SIR model, 2 scenarios,
# Sobol samples): memory must depend on the chunk and batch, not on the number of runs (target < 300 MB).
#   benchmarks/sweep-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/.out
mkdir -p "$out"
dotnet build engine/Simulation.Cli -c Release -v quiet -nologo >"$out/build-sweep.log" || { cat "$out/build-sweep.log"; exit 1; }
sim="dotnet engine/Simulation.Cli/bin/Release/net10.0/sim.dll"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  (other work on the machine skews the times, not the memory)"
sed 's/"samples": 50000/"samples": 5000/; s/100,000-run/10,000-run/' benchmarks/sweep/memory-100k.json > benchmarks/sweep/.memory-10k.json
for experiment in benchmarks/sweep/.memory-10k.json benchmarks/sweep/memory-100k.json; do
  /usr/bin/time -v $sim sweep "$experiment" --output "$out/sweep-memory" --force >"$out/sweep-memory.log" 2>"$out/sweep-memory.err" || { cat "$out/sweep-memory.err"; exit 1; }
  runs=$(grep -o '= [0-9,]* runs' "$out/sweep-memory.err" | head -1)
  rss=$(grep 'Maximum resident set size' "$out/sweep-memory.err" | awk '{print $6}')
  wall=$(grep 'Elapsed (wall clock)' "$out/sweep-memory.err" | awk '{print $8}')
  echo "$experiment: ${runs#= }: peak resident memory $((rss / 1024)) MB, wall $wall"
done
rm -f benchmarks/sweep/.memory-10k.json
