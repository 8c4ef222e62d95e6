#!/usr/bin/env bash
# Regenerates every diagram listed in docs/diagrams.txt with `sim graph --format svg` (built once, then run per line),
# and every chart listed there with `sim loops ... --output FILE.svg`.
#   bash docs/make-diagrams.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build engine/Simulation.Cli -c Release -v q -nologo >/dev/null
sim=(dotnet engine/Simulation.Cli/bin/Release/net10.0/sim.dll)
grep -v '^#' docs/diagrams.txt | grep -v '^[[:space:]]*$' | while IFS= read -r line; do
  file=${line%%:*}
  eval "args=(${line#*:})"
  mkdir -p "$(dirname "$file")"
  if [ "${args[0]}" = loops ]; then
    "${sim[@]}" "${args[@]}" --output "$file" --force
  else
    "${sim[@]}" graph "${args[@]}" --format svg --output "$file" --force
  fi
done
