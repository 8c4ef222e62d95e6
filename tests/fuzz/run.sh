#!/usr/bin/env bash
# A long fuzz campaign: tests/fuzz/run.sh N SEED [KEEP_DIR]
# Runs N mutated inputs (seed SEED) through check, run, sweep, import and summary in one test process, niced, with
# the managed heap capped at 4 GB, and keeps every failing input (with how it was made) in KEEP_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
cases=${1:?usage: tests/fuzz/run.sh N SEED [KEEP_DIR]}
seed=${2:?usage: tests/fuzz/run.sh N SEED [KEEP_DIR]}
keep=${3:-$PWD/fuzz-failures}
export SIM_FUZZ_CASES=$cases SIM_FUZZ_SEED=$seed SIM_FUZZ_KEEP=$keep DOTNET_GCHeapHardLimit=0x100000000
exec nice -n 10 dotnet test tests/Simulation.Tests --filter "Category=Fuzz" --logger "console;verbosity=normal" -- NUnit.DefaultTimeout=0
