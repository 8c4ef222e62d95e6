# shellcheck shell=bash
# Shared by deploy/test/*.sh (sourced, with repo set to the repository): the published sim they run, the chunks a
# shard folder has committed, and the byte-for-byte check they end with.
: "${repo:?common.sh needs repo, the repository folder}"
say() { printf '%s %s: %s\n' "$(date -u +%T)" "$(basename "$0" .sh)" "$*" >&2; }

# Sets SIM to the sim given in SIM, or publishes one into $1/publish (self-contained, non-composite ReadyToRun: as
# README's publish command but quicker to build; the same code).
published_sim() {
    if [[ -z ${SIM:-} ]]; then
        say "publishing sim (self-contained, ReadyToRun) to $1/publish"
        (cd "$repo" && MSBUILDDISABLENODEREUSE=1 nice -n 19 dotnet publish engine/Simulation.Cli -c Release -r linux-x64 --self-contained true \
            -p:PublishReadyToRun=true -p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3 -o "$1/publish" >/dev/null)
        SIM=$1/publish/sim
    fi
    SIM=$(realpath "$SIM")
}

# The chunks committed in shard folder $1 (each a .part file; one being written is a .tmp).
committed_chunks() {
    local n=0 part
    for part in "$1"/.parts/*.part; do [[ -e $part ]] && n=$((n + 1)); done
    echo "$n"
}

# Every file of the single sweep's folder $1 has the same bytes in the merged folder $2, which has no others.
same_folders() {
    local status=0 f name
    for f in "$1"/*; do
        name=$(basename "$f")
        if cmp -s "$f" "$2/$name"; then say "same bytes: $name ($(stat -c %s "$f") bytes)"
        else say "DIFFERENT: $name"; status=1; fi
    done
    [[ -z $(comm -13 <(ls "$1") <(ls "$2")) ]] || { say "the merged folder has files the single sweep's has not"; status=1; }
    return $status
}
