#!/usr/bin/env bash
# Writes DIR/prevention-outcomes.json and prints its path: the illness-to-prevention pack (scenarios/) with 2,500
# samples (10 scenarios x 2,500 = 25,000 runs of 25 years, outcomes only) in chunks of 16 futures (157 chunks, 9-10
# for each of 16 shards, as docs/distributed.md advises). Made from the pack each time rather than copied, so it stays
# the pack; it reads the repository's model, so do not change the checkout during a sitting (the whole sweep and the
# shards must run one model). Run from the repository folder.
#   benchmarks/shards/prevention-outcomes.sh DIR [SAMPLES] [CHUNK]
set -euo pipefail
dir=${1:?usage: benchmarks/shards/prevention-outcomes.sh DIR [SAMPLES] [CHUNK]}
mkdir -p "$dir"
jq --arg model "$(realpath models/illness-to-prevention.json)" --arg schema "$(realpath docs/schema/experiment-v1.schema.json)" --argjson samples "${2:-2500}" --argjson chunk "${3:-16}" \
  '."$schema" = $schema | .model = $model | .uncertainty.samples = $samples | .outputs = { chunk: $chunk }' \
  scenarios/illness-to-prevention.json > "$dir/prevention-outcomes.json"
echo "$dir/prevention-outcomes.json"
