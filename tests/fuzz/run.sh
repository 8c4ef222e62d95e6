#!/usr/bin/env bash
# A long fuzz campaign: tests/fuzz/run.sh N SEED [KEEP_DIR]
# Runs N mutated inputs (seed SEED) through check, run, sweep, import and summary in one test process, niced, with
# the managed heap capped at 4 GB, at most 60 s of processor time per case (SIM_FUZZ_CASE_CPU_SECONDS) and an hour of
# wall time (SIM_FUZZ_CASE_SECONDS: at nice 19 beside other work a case is slow, not hung), and keeps every failing
# input (with how it was made) in KEEP_DIR. SIM_FUZZ_FIRST=K starts at case K; SIM_FUZZ_NICE sets the niceness;
# SIM_FUZZ_KINDS=Fit,FitData,Posterior,Evaluation,Sensitivity draws only those kinds of input (FuzzKind's names).
set -euo pipefail
cd "$(dirname "$0")/../.."
cases=${1:?usage: tests/fuzz/run.sh N SEED [KEEP_DIR]}
seed=${2:?usage: tests/fuzz/run.sh N SEED [KEEP_DIR]}
keep=${3:-$PWD/fuzz-failures}
export SIM_FUZZ_CASES=$cases SIM_FUZZ_SEED=$seed SIM_FUZZ_KEEP=$keep SIM_FUZZ_CASE_SECONDS=${SIM_FUZZ_CASE_SECONDS:-3600} DOTNET_GCHeapHardLimit=0x100000000
exec nice -n ${SIM_FUZZ_NICE:-19} dotnet test tests/Simulation.Tests --filter "Category=Fuzz" --logger "console;verbosity=normal" -- NUnit.DefaultTimeout=0
