#!/bin/bash
# A sharded sweep as a Slurm job array (docs/distributed.md): each array task runs one shard; `--shard auto` takes
# the shard from SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN, so 1-16 works as well as 0-15) and the number of
# shards from SLURM_ARRAY_TASK_COUNT. Results go to a shared file system (scratch, or a mounted blob container).
#   sbatch deploy/slurm-array.sh scenarios/hospital-to-community.json results/h2c
#   sbatch --dependency=afterok:<array job id> deploy/slurm-merge.sh results/h2c
#SBATCH --job-name=sim-sweep
#SBATCH --array=0-15
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --requeue
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail
experiment=${1:?usage: sbatch deploy/slurm-array.sh EXPERIMENT RESULTS_DIR}
results=${2:?usage: sbatch deploy/slurm-array.sh EXPERIMENT RESULTS_DIR}
sim=${SIM:-sim}   # the published sim (README: dotnet publish ... -o publish/sim), or the container through apptainer exec
shard=$(( SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0} ))
# --resume: a requeued or preempted task continues from the chunks it committed.
exec "$sim" sweep "$experiment" --shard auto --output "$results/shard-$shard" --threads "${SLURM_CPUS_PER_TASK:-1}" --resume
