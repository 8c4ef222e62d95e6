#!/bin/bash
# The container recipe (deploy/Dockerfile's run stage) built and run on this machine without a container registry:
# debootstrap makes a minimal Debian 12 root file system with what mcr.microsoft.com/dotnet/runtime-deps:10.0 holds
# (libc, ICU, OpenSSL, CA certificates, time zones) and its non-root user app (uid 1654); `podman import` makes it
# the base image; the Dockerfile's run stage, with only its FROM and `COPY --from=build` sources replaced, builds the
# sim image from a published sim. Then every shard runs in a container as the image's user, with JOB_COMPLETION_INDEX
# set as a Kubernetes Indexed Job sets it and a bind-mounted folder as the shared volume; one container is stopped
# (SIGTERM, as a pod's deletion) and run again, resuming; a container merges with the merge Job's shell line; and the
# merged folder must equal, byte for byte, a single `sim sweep` run in the same image.
#
#   sudo deploy/test/container-local.sh                # publishes sim (non-composite ReadyToRun) first
#   sudo SIM=publish/sim/sim deploy/test/container-local.sh
#   KEEP=1 ... keeps the images (localhost/sim:local) and the volume (WORK, default /tmp/container-local) for a look
#
# Root only; Debian 12 (podman 4.3). Not part of CI. Not tested here: the Dockerfile's build stage (the .NET SDK image
# comes from mcr.microsoft.com, which this machine cannot reach); the script publishes sim the same way on the host.
# Results of a run are recorded in docs/distributed.md ("The container recipe without a registry").
set -euo pipefail
[[ $(id -u) == 0 ]] || { echo "container-local.sh: run as root (it installs podman and debootstrap)" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/container-local}
samples=${SAMPLES:-20000}   # futures of scenarios/hospital-beds.json, 4 scenarios each: 70 chunks, 16-18 per shard
shards=4
base=localhost/sim-runtime-deps:bookworm image=localhost/sim:local
source "$repo/deploy/test/common.sh"

need=()
for tool in podman debootstrap runc; do command -v $tool >/dev/null || need+=("$tool"); done
if (( ${#need[@]} )); then say "installing ${need[*]}"; DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >/dev/null; fi
say "$(podman --version), $(runc --version | head -1), debootstrap $(dpkg-query -W -f '${Version}' debootstrap)"
# This VM's cgroups are v1 with a v2 hierarchy beside them ("hybrid"), which podman's default runtime crun refuses
# ("cgroups in hybrid mode not supported"); runc runs there. Podman's default open-files and process limits are above
# this machine's hard limits (crun/runc: "setrlimit RLIMIT_NOFILE: Operation not permitted"): give ones within them.
run=(podman --runtime "$(command -v runc)" run --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)

mkdir -p "$work"
# Whatever happens, no container is left behind, nor (without KEEP=1) the images and outputs; the root file system
# stays in $work/rootfs for the next run.
cleanup() {
    podman rm -f sim-shard-1 >/dev/null 2>&1 || true
    [[ -n ${KEEP:-} ]] && return
    rm -rf "$work/volume" "$work/context" "$work/pwd" "$work"/shard-*.log
    podman rmi -f "$image" "$base" >/dev/null 2>&1 || true
}
trap cleanup EXIT
published_sim "$work"
published=$(dirname "$(realpath "$SIM")")

# --- the base image: runtime-deps' contents, from Debian's own archive ---------------------------------------------
if [[ ! -x $work/rootfs/bin/sh ]]; then
    say "debootstrap --variant=minbase bookworm into $work/rootfs (a few minutes)"
    rm -rf "$work/rootfs"
    nice -n 19 debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata bookworm "$work/rootfs" \
        http://deb.debian.org/debian >/dev/null
fi
chroot "$work/rootfs" sh -c 'id app >/dev/null 2>&1 || { groupadd -g 1654 app && useradd -u 1654 -g app -M -d /home/app -s /usr/sbin/nologin app; }'
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
tar -C "$work/rootfs" -c . | nice -n 19 podman import --change 'ENV APP_UID=1654' --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' - "$base" >/dev/null 2>&1
say "base image $base: $(podman image inspect "$base" --format '{{.Size}}' | numfmt --to=si)B"

# --- the sim image: the Dockerfile's run stage, with the build stage's output from the host's publish ----------------
rm -rf "$work/context" && mkdir -p "$work/context/out"
cp -r "$published" "$work/context/out/sim" && cp -r "$repo/models" "$repo/scenarios" "$work/context/out/"
sed -n '/^FROM mcr.microsoft.com\/dotnet\/runtime-deps/,$p' "$repo/deploy/Dockerfile" \
    | sed "s|^FROM mcr.microsoft.com/dotnet/runtime-deps:[^ ]*|FROM $base|; s|^COPY --from=build /out/|COPY out/|" > "$work/context/Containerfile"
grep -q "^FROM $base" "$work/context/Containerfile" && grep -q '^USER \$APP_UID' "$work/context/Containerfile" \
    || { echo "deploy/Dockerfile's run stage is not as this script expects" >&2; exit 1; }
sed 's/^/  Containerfile: /' "$work/context/Containerfile" | grep -v ': #' >&2
nice -n 19 podman build --quiet -t "$image" -f "$work/context/Containerfile" "$work/context" >/dev/null
say "image $image: $(podman image inspect "$image" --format '{{.Size}}' | numfmt --to=si)B, user $(podman image inspect "$image" --format '{{.Config.User}}'), entrypoint $(podman image inspect "$image" --format '{{.Config.Entrypoint}}')"
"${run[@]}" --rm "$image" --version | head -1 | sed 's/^/  in the image: /' >&2
[[ $("${run[@]}" --rm --entrypoint id "$image" -u) == 1654 ]] || { echo "the image does not run as uid 1654" >&2; exit 1; }

# The Dockerfile's own `docker run` example, as written there (podman for docker), in a folder of a user's own (uid 4321).
example=$(grep -m1 '^#   docker run ' "$repo/deploy/Dockerfile" | sed 's/^#   docker run //')
rm -rf "$work/pwd" && mkdir -p "$work/pwd" && cp -r "$repo/models" "$repo/scenarios" "$work/pwd/" && chown -R 4321:4321 "$work/pwd"
example=${example//'$(id -u):$(id -g)'/4321:4321}; example=${example//'$PWD'/$work/pwd}; example=${example//sim:latest/$image}
say "the Dockerfile's example: podman run $example"
eval "${run[*]} $example" 2>&1 | grep "^sweep: wrote" | sed "s/^/  /" >&2 || true
[[ -f $work/pwd/out/beds/summary.json && $(stat -c %u "$work/pwd/out/beds/summary.json") == 4321 ]] \
    || { echo "the Dockerfile's docker run example did not write its sweep" >&2; exit 1; }

# --- the shards as Kubernetes would run them: one container per index on a shared volume ----------------------------
rm -rf "$work/volume" && mkdir -p "$work/volume" && chown 1654:1654 "$work/volume"   # what the pod's fsGroup does
volume=(-v "$work/volume:/results")
shard() { # index, [extra podman options]: the Indexed Job's pod command (deploy/kubernetes-indexed-job.yaml)
    local i=$1; shift
    "${run[@]}" "$@" -e JOB_COMPLETION_INDEX="$i" "${volume[@]}" "$image" sweep /opt/sim/scenarios/hospital-beds.json \
        --samples "$samples" --shard "auto/$shards" --output "/results/sweep/shard-$i" --threads 2 --resume
}
t0=$(date +%s)
# Shard 1's pod is deleted part-way (podman stop: SIGTERM, as the kubelet sends) and started again: it resumes.
podman rm -f sim-shard-1 >/dev/null 2>&1 || true
shard 1 -d --name sim-shard-1 >/dev/null
for _ in $(seq 600); do (( $(committed_chunks "$work/volume/sweep/shard-1") >= 2 )) && break; sleep 0.2; done
podman stop -t 30 sim-shard-1 >/dev/null
say "stopped shard 1's container (exit code $(podman inspect sim-shard-1 --format '{{.State.ExitCode}}')) after $(committed_chunks "$work/volume/sweep/shard-1") committed chunks"
stopped=$(podman logs sim-shard-1 2>&1 | grep "^sweep: stopped" || true)
[[ -n $stopped ]] || { echo "shard 1 did not stop cleanly on SIGTERM" >&2; exit 1; }
echo "  shard 1: $stopped" >&2
podman rm sim-shard-1 >/dev/null
for i in 3 1 0 2; do shard "$i" --rm > "$work/shard-$i.log" 2>&1; grep -v "runs/s" "$work/shard-$i.log" | sed "s/^/  shard $i: /" >&2; done
grep -q "^sweep: resumed:" "$work/shard-1.log" || { echo "shard 1 did not resume" >&2; exit 1; }
say "merging in a container (the merge Job's shell line)"
"${run[@]}" --rm "${volume[@]}" --entrypoint /bin/sh "$image" -c "exec /opt/sim/sim merge /results/sweep/shard-* --output /results/sweep/merged --force" \
    2>&1 | grep "^merge:" | sed 's/^/  /' >&2
t1=$(date +%s)
say "4 shard containers and the merge: $((t1 - t0)) s"
owners=$(find "$work/volume/sweep" -mindepth 1 -printf '%U:%G\n' | sort -u | paste -sd' ')
say "files on the volume are owned by $owners"
[[ $owners == 1654:1654 ]] || { echo "the containers did not write as the image's user (uid 1654)" >&2; exit 1; }

say "single sweep in the same image"
"${run[@]}" --rm "${volume[@]}" "$image" sweep /opt/sim/scenarios/hospital-beds.json --samples "$samples" --output /results/whole \
    --threads 2 2>&1 | grep "^sweep: wrote" | sed 's/^/  /' >&2
status=0
same_folders "$work/volume/whole" "$work/volume/sweep/merged" || status=1
(( status == 0 )) && say "PASS: the merged folder of the containers' shards is the single sweep's, byte for byte" || say "FAIL"
exit $status
