#!/bin/bash
# Joins the shards of deploy/slurm-array.sh once the whole array has succeeded (sbatch --dependency=afterok:JOBID).
#SBATCH --job-name=sim-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=00:30:00
#SBATCH --output=slurm-merge-%j.out
set -euo pipefail
results=${1:?usage: sbatch deploy/slurm-merge.sh RESULTS_DIR [sim merge options]}
shift
sim=${SIM:-sim}
exec "$sim" merge "$results"/shard-* --output "$results/merged" --force "$@"
