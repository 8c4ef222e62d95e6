#!/usr/bin/env bash
# Calibration benchmark (issue 15; docs/calibration.md): whole-process wall and CPU (user + sys) of
#   1. the flu fit (2 parameters, 14 points: target under 2 s whole process),
#   2. the flu posterior (--method mcmc, 2,000 generations) and the plain batch run of as many runs (sim run --design),
#      for the sampler's throughput in runs per second against the plain runs',
#   3. 40 plain runs of the hospital model (sim run --design, 10 years each), the cost of a run its fit and sampler pay,
#   4. the bundled hospital evaluation (sim evaluate over the 200-draw posterior, both scenarios: 400 runs),
#   5. with --hospital, the hospital fit (6 inputs, 468 observations: target under 2 minutes on 2 cores; about
#      110 s of CPU, so several minutes on a loaded machine).
# Run it from the repository folder; the load average is printed before and after.
#   benchmarks/calibration/run.sh SIM [--hospital] [OUT]
#   e.g. nice -n 19 benchmarks/calibration/run.sh publish/sim/sim --hospital /tmp/calibration-bench
set -euo pipefail
sim=${1:?usage: benchmarks/calibration/run.sh SIM [--hospital] [OUT]}
hospital=false
if [[ ${2:-} == --hospital ]]; then hospital=true; shift; fi
out=${2:-$(mktemp -d)}
mkdir -p "$out"
timed() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" -o "$out/time" "${@:2}" > /dev/null 2>> "$out/log"
  awk -v what="$1" '{ printf "%-58s %6.2f s CPU (user + sys), %6.2f s wall, %d MB peak\n", what, $4 + $7, $1, $10 / 1024 }' "$out/time"; }
cpu() { awk '{ print $4 + $7 }' "$out/time"; }
runs() { grep -o '"runs": [0-9]*' "$1/calibration.json" | head -1 | grep -o '[0-9]*'; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

timed "calibrate flu-sir.json" "$sim" calibrate scenarios/calibration/flu-sir.json --output "$out/flu" --force
timed "calibrate flu-sir.json --method mcmc" "$sim" calibrate scenarios/calibration/flu-sir.json --method mcmc --output "$out/flu-mcmc" --force
mcmc_cpu=$(cpu); n=$(runs "$out/flu-mcmc")
# the same number of runs as a plain batch: the posterior's draws repeated to n rows
awk -v n="$n" -F, 'NR == 1 { print "Beta,Gamma"; next } { b[NR - 2] = $2; g[NR - 2] = $3; m = NR - 1 } END { for (i = 0; i < n; i++) print b[i % m] "," g[i % m] }' \
  "$out/flu-mcmc/posterior.csv" > "$out/flu-design.csv"
timed "run models/flu-sir.json --design ($n rows)" "$sim" run models/flu-sir.json --design "$out/flu-design.csv" --output "$out/flu-runs.csv"
awk -v n="$n" -v a="$mcmc_cpu" -v b="$(cpu)" 'BEGIN { printf "%d runs: sampler %.0f runs per CPU second (whole process), plain batch run %.0f\n", n, n / a, n / b }'

awk 'BEGIN { print "Winter amplitude,Admission trend,Pathway 0 delay"; for (i = 0; i < 40; i++) print 0.05 + 0.0005 * i "," 1.2 + 0.01 * i "," 0.5 + 0.01 * i }' > "$out/hospital-design.csv"
timed "run models/hospital-to-community.json --design (40 rows)" "$sim" run models/hospital-to-community.json --design "$out/hospital-design.csv" --output "$out/hospital-runs.csv"
timed "evaluate hospital-evaluation.json (400 runs)" "$sim" evaluate scenarios/calibration/hospital-evaluation.json \
  --fit scenarios/calibration/hospital-to-community.json --data scenarios/calibration/data/hospital-to-community-after.csv \
  --from 1092 --scenario "discharge to assess from day 1092" --calibration scenarios/calibration/hospital-posterior \
  --output "$out/evaluation" --force
if $hospital; then
  timed "calibrate hospital-to-community.json" "$sim" calibrate scenarios/calibration/hospital-to-community.json --output "$out/hospital" --force
  echo "hospital fit: $(runs "$out/hospital") runs"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
