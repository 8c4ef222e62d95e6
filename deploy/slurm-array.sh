#!/bin/bash
# A sharded sweep as a Slurm job array (docs/distributed.md): each array task runs one shard, the one its
# SLURM_ARRAY_TASK_ID names (tasks are numbered 0 to N-1). The number of shards N is the array's size, or SHARDS when
# only some tasks are submitted again. Results go to a shared file system (scratch, or a mounted blob container).
#   sbatch deploy/slurm-array.sh scenarios/hospital-to-community.json results/h2c [SWEEP OPTIONS, e.g. --samples 100000]
#   sbatch --dependency=afterok:<array job id> deploy/slurm-merge.sh results/h2c
# A failed task: `scontrol requeue <array job id>_<task>` (the merge still waits for it), or submit it again
# (SHARDS=16 sbatch --array=5 deploy/slurm-array.sh ...) and the merge anew. Either way it resumes its shard.
#SBATCH --job-name=sim-sweep
#SBATCH --array=0-15
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --requeue
#SBATCH --open-mode=append
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail
usage="usage: sbatch [--array=0-(N-1)] deploy/slurm-array.sh EXPERIMENT RESULTS_DIR [sim sweep options]"
experiment=${1:?$usage}
results=${2:?$usage}
shift 2
task=${SLURM_ARRAY_TASK_ID:?not a task of a Slurm job array: $usage}
sim=${SIM:-sim}   # the published sim (README: dotnet publish ... -o publish/sim), or the container through apptainer exec
# --resume: a requeued, preempted or resubmitted task continues from the chunks it committed (--open-mode=append keeps
# every attempt's log in one file).
exec "$sim" sweep "$experiment" --shard "auto${SHARDS:+/$SHARDS}" --output "$results/shard-$task" \
    --threads "${SLURM_CPUS_PER_TASK:-1}" --resume "$@"
