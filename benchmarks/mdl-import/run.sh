#!/usr/bin/env bash
# Processor time (user + sys) of `sim check` on a generated 10,000-equation Vensim model, whole process, against the
# same on the generator's smallest model (12 equations: start-up, nearly). Target (issue 19): under 1 s for the 10,000 equations.
#
#   benchmarks/mdl-import/run.sh                 publishes sim (ReadyToRun, as benchmarks/run.sh does), 7 rounds
#   SIM=/path/to/sim benchmarks/mdl-import/run.sh  times an existing build instead (no publish)
#   ROUNDS=11 N=20000 benchmarks/mdl-import/run.sh
#   BEFORE=/path/to/other/sim benchmarks/mdl-import/run.sh   also times that build, interleaved round by round,
#                                                            and prints the paired ratio (this build / BEFORE)
# About 4 minutes with the publish on a loaded 2-core machine, 20 s without; run it under `nice` beside other work.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=benchmarks/.out/mdl-import
mkdir -p "$out"
rounds=${ROUNDS:-7}
n=${N:-10000}
sim=${SIM:-}
if [[ -z "$sim" ]]; then
  rm -rf "$out/sim"
  dotnet publish engine/Simulation.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3 -o "$out/sim" -v quiet -nologo >"$out/publish.log" || { cat "$out/publish.log"; exit 1; }
  sim="$out/sim/sim"
fi
python3 benchmarks/mdl-import/generate.py "$n" >"$out/big.mdl"
python3 benchmarks/mdl-import/generate.py 1 >"$out/tiny.mdl"
"$sim" check "$out/big.mdl" >/dev/null 2>&1   # warm the file cache; must check clean (exit 0)
before=${BEFORE:-}
[[ -z "$before" ]] || "$before" check "$out/big.mdl" >/dev/null 2>&1

cpu() { /usr/bin/time -f "%U %S" "$1" check "$2" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.2f", $1 + $2 }'; }
big=(); tiny=(); old=(); ratio=()
for ((r = 0; r < rounds; r++)); do
  big+=("$(cpu "$sim" "$out/big.mdl")")
  tiny+=("$(cpu "$sim" "$out/tiny.mdl")")
  if [[ -n "$before" ]]; then
    old+=("$(cpu "$before" "$out/big.mdl")")
    ratio+=("$(awk -v a="${big[-1]}" -v b="${old[-1]}" 'BEGIN { printf "%.3f", a / b }')")
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
if [[ -n "$before" ]]; then
  echo "BEFORE=$before, $n equations: processor time median $(median "${old[@]}") s of ${old[*]}"
  echo "paired ratio this build / BEFORE: median $(median "${ratio[@]}") of ${ratio[*]}"
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "sim check, $n equations: processor time (user+sys) median $(median "${big[@]}") s of ${big[*]}"
echo "sim check, N=1 (12 equations): processor time (user+sys) median $(median "${tiny[@]}") s of ${tiny[*]}"
