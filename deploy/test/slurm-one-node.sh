#!/bin/bash
# The Slurm recipe (deploy/slurm-array.sh, deploy/slurm-merge.sh) on a real one-node Slurm cluster on this machine,
# end to end: installs Debian's slurm-wlm and munge, starts munged, slurmctld and slurmd on localhost (2 CPUs,
# proctrack/linuxproc, task/none, select/cons_tres: no cgroups), submits the two scripts unchanged (options given on
# the sbatch command line override their #SBATCH lines), requeues one running task and kills another's sim outright
# and requeues it, waits for the merge (a dependent job, --dependency=afterok), checks the merged folder against a
# single-machine `sim sweep` of the same experiment byte for byte, then stops the daemons and removes what it made.
#
#   sudo deploy/test/slurm-one-node.sh                 # publishes sim (non-composite ReadyToRun) first
#   sudo SIM=publish/sim/sim deploy/test/slurm-one-node.sh
#   KEEP=1 ... keeps the cluster running and WORK (default /tmp/slurm-one-node) for a look (stop: see the end)
#
# Root only (it starts daemons and installs packages); Debian 12 (Slurm 22.05). Not part of CI: it takes minutes.
# Results of a run are recorded in docs/distributed.md ("The Slurm recipe on a real Slurm").
set -euo pipefail
[[ $(id -u) == 0 ]] || { echo "slurm-one-node.sh: run as root (it installs slurm-wlm and starts daemons)" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/slurm-one-node}
experiment=${EXPERIMENT:-scenarios/hospital-beds.json}   # relative to the repository, as a user would submit it
samples=${SAMPLES:-30000}   # futures, 4 scenarios each: 105 chunks of 286 (runs record series), 26-27 per shard
shards=4
node=$(hostname -s)
source "$repo/deploy/test/common.sh"

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurm-wlm and munge"
    DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >/dev/null
fi
say "$(slurmctld -V), $(munged -V 2>&1 | awk '{print $1}')"

published_sim "$work"
export SIM   # sbatch passes the environment on (--export=ALL): the scripts run this sim
say "sim $("$SIM" --version 2>/dev/null | head -1)"

# --- the cluster: its own configuration, state and logs under $work, nothing in /etc/slurm ---------------------------
rm -rf "${work:?}/etc" "$work/state" "$work/spool" "$work/log" "$work/results" "$work/whole"
mkdir -p "$work/etc" "$work/state" "$work/spool" "$work/log" "$work/results"
export SLURM_CONF=$work/etc/slurm.conf
cat > "$SLURM_CONF" <<EOF
ClusterName=onenode
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
KillWait=5
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmdParameters=config_overrides
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=4096 State=UNKNOWN
PartitionName=one Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

stop_cluster() {
    say "stopping slurmd, slurmctld and munged"
    for f in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
        [[ -s $f ]] && kill "$(cat "$f")" 2>/dev/null || true
    done
    sleep 2
}
if [[ -z ${KEEP:-} ]]; then trap stop_cluster EXIT; fi

mkdir -p /run/munge && chown munge:munge /run/munge
if ! munge -n </dev/null >/dev/null 2>&1; then   # no munged yet: start one (and stop it at the end)
    runuser -u munge -- munged --pid-file=/run/munge/munged.pid
    cp /run/munge/munged.pid "$work/munged.pid"
fi
munge -n </dev/null | unmunge >/dev/null || { echo "munge does not work" >&2; exit 1; }
slurmctld -i   # -i: ignore any state left from an earlier run
nice -n 10 slurmd -N "$node"   # jobs inherit its nice: the machine is shared
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o "%P %D %c %m %T" | sed 's/^/  sinfo: /' >&2
sinfo -h -o %T | grep -q idle || { echo "the node did not come up: $work/log" >&2; exit 1; }

# --- the sharded sweep and the merge, as a user would submit them --------------------------------------------------
cd "$repo"
logs=$work/log
t0=$(date +%s)
array=$(sbatch --parsable --array=0-$((shards - 1)) --cpus-per-task=1 --mem=1G --output="$logs/slurm-%A_%a.out" \
    deploy/slurm-array.sh "$experiment" "$work/results" --samples "$samples")
merge=$(sbatch --parsable --dependency=afterok:"$array" --mem=1G --output="$logs/slurm-merge-%j.out" \
    deploy/slurm-merge.sh "$work/results")
say "submitted array job $array (shards 0-$((shards - 1))) and merge job $merge (afterok:$array)"

state() { squeue -h -j "$1" -o %T 2>/dev/null | head -1; }
task_state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }
wait_state() { for _ in $(seq 600); do [[ $(task_state "$1") == "$2" ]] && return; sleep 0.2; done; echo "$1 never $2" >&2; exit 1; }
committed() { committed_chunks "$work/results/shard-$1"; }
wait_for_chunks() { # task, chunks: until that task has committed that many chunks
    for _ in $(seq 1200); do (( $(committed "$1") >= $2 )) && return; sleep 0.5; done
    echo "task $1 never committed $2 chunks" >&2; exit 1
}
# Slurm holds a requeued job back for two minutes (its begin time); release it at once.
release() { wait_state "$1" PENDING; scontrol update JobId="$1" StartTime=now; }

# A running task requeued (as preemption or `scontrol requeue` does): Slurm stops it (SIGTERM, then SIGKILL after
# KillWait) and runs it again with the same SLURM_ARRAY_TASK_ID; --resume keeps the chunks it had committed.
wait_for_chunks 0 2
scontrol requeue "${array}_0"
say "requeued running task ${array}_0 after $(committed 0) committed chunks"
release "${array}_0"

# A task whose sim is killed outright (as the out-of-memory killer does): the task FAILS, and Slurm marks the
# merge's afterok dependency as never satisfied, even once the task is requeued and succeeds; so requeue the
# task, then point the merge at the array's tasks that have not yet finished (the recipe in docs/distributed.md).
wait_for_chunks 1 2
sim1=$(pgrep -n -f -- "--output $work/results/shard-1 ")
kill -KILL "$sim1"
say "killed task ${array}_1's sim (pid $sim1) after $(committed 1) committed chunks"
wait_state "${array}_1" FAILED
scontrol requeue "${array}_1"
release "${array}_1"
unfinished=$(squeue -h -r -j "$array" -o %i | paste -sd:)
say "requeued failed task ${array}_1; merge was: $(squeue -h -j "$merge" -o %r); now afterok:$unfinished"
scontrol update JobId="$merge" Dependency="afterok:$unfinished"

for _ in $(seq 3600); do [[ -z $(state "$array") && -z $(state "$merge") ]] && break; sleep 1; done
t1=$(date +%s)
[[ -z $(state "$merge") ]] || { echo "the merge job never ran: $(squeue -h -j "$merge" -o '%T %r')" >&2; exit 1; }
say "array and merge finished in $((t1 - t0)) s"
for f in "$logs"/slurm-*.out; do sed "s|^|  $(basename "$f"): |" "$f" | grep -v '^\s*$' | tail -4 >&2; done
# Task 0 stopped cleanly on the requeue's SIGTERM; tasks 0 and 1 resumed, keeping what they had committed.
grep -h "stopped;\|resumed:" "$logs"/slurm-"${array}"_[01].out | sed 's/^/  /' >&2 || true
grep -q "sweep: stopped;" "$logs/slurm-${array}_0.out" || { echo "task 0 did not stop cleanly on SIGTERM" >&2; exit 1; }
for t in 0 1; do grep -q "sweep: resumed:" "$logs/slurm-${array}_$t.out" || { echo "task $t did not resume" >&2; exit 1; }; done
[[ -f $work/results/merged/summary.json ]] || { echo "no merged summary: see $logs" >&2; exit 1; }

# A task submitted again on its own (sbatch --array=2): with SHARDS=4 it is shard 2 of 4 again, complete, so nothing
# runs; without SHARDS the array's size (1) is not the number of shards, and sim refuses rather than run another shard.
SHARDS=$shards sbatch --wait --array=2 --cpus-per-task=1 --mem=1G --output="$logs/again-%A_%a.out" \
    deploy/slurm-array.sh "$experiment" "$work/results" --samples "$samples" >/dev/null
grep -q "already holds this sweep, complete" "$logs"/again-*.out || { echo "resubmitted task 2 did not find its shard" >&2; exit 1; }
sbatch --wait --array=2 --cpus-per-task=1 --mem=1G --output="$logs/alone-%A_%a.out" \
    deploy/slurm-array.sh "$experiment" "$work/results" --samples "$samples" >/dev/null 2>&1 && { echo "task 2 alone ran" >&2; exit 1; }
grep -q "SHARDS=N" "$logs"/alone-*.out || { echo "task 2 alone: no clear error" >&2; exit 1; }
sed 's/^/  resubmitted: /' "$logs"/again-*.out "$logs"/alone-*.out >&2

# --- the same experiment on one machine, from the same folder (the summary records the experiment's path) -----------
say "single-machine sweep of the same experiment"
/usr/bin/time -f "  single sweep: %e s wall, %U s user, %S s sys" nice -n 10 "$SIM" sweep "$experiment" --samples "$samples" \
    --output "$work/whole" --threads 2 2>&1 >/dev/null | grep -v '^\s*$' | tail -2 >&2
status=0
same_folders "$work/whole" "$work/results/merged" || status=1
(( status == 0 )) && say "PASS: the Slurm-merged folder is the single sweep's, byte for byte" || say "FAIL"

if [[ -n ${KEEP:-} ]]; then
    say "kept running; stop with: kill \$(cat $work/slurmd.pid) \$(cat $work/slurmctld.pid) \$(cat $work/munged.pid)"
else
    rm -rf "$work/results" "$work/whole" "$work/state" "$work/spool"
fi
exit $status
