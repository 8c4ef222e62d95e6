#!/usr/bin/env bash
# A long fuzz campaign: tests/fuzz/run.sh N SEED [KEEP_DIR]
# Runs N mutated inputs (seed SEED) through check, run, sweep, import and summary in one test process, niced, with
# the managed heap capped at 4 GB and 300 s of wall time per case (niced beside other work, a long case is slow, not
# hung), and keeps every failing input (with how it was made) in KEEP_DIR. SIM_FUZZ_FIRST=K starts at case K.
set -euo pipefail
cd "$(dirname "$0")/../.."
cases=${1:?usage: tests/fuzz/run.sh N SEED [KEEP_DIR]}
seed=${2:?usage: tests/fuzz/run.sh N SEED [KEEP_DIR]}
keep=${3:-$PWD/fuzz-failures}
export SIM_FUZZ_CASES=$cases SIM_FUZZ_SEED=$seed SIM_FUZZ_KEEP=$keep SIM_FUZZ_CASE_SECONDS=${SIM_FUZZ_CASE_SECONDS:-300} DOTNET_GCHeapHardLimit=0x100000000
exec nice -n 10 dotnet test tests/Simulation.Tests --filter "Category=Fuzz" --logger "console;verbosity=normal" -- NUnit.DefaultTimeout=0
