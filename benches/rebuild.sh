#!/usr/bin/env bash
# Incremental debug rebuild of the `mosaic` binary after an edit to one provider's mapping
# file: the figure the provider crates were split for. Each round appends a comment line to
# FILE (default: providers/github/src/mapping.rs), times `cargo build -p mosaic`, and the file
# is restored at the end. Prints each round's wall time and the median.
#
#   benches/rebuild.sh [FILE] [ROUNDS]
#
# Warm the target first (`cargo build -p mosaic`); compare two checkouts by running it in each,
# alternately, on an otherwise idle machine.
set -euo pipefail

file="${1:-providers/github/src/mapping.rs}"
rounds="${2:-5}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cp "$file" "$file.rebuild-backup"
trap 'mv "$file.rebuild-backup" "$file"' EXIT

cargo build -p mosaic --quiet
times=()
for round in $(seq 1 "$rounds"); do
  echo "// rebuild round $round $(date +%s%N)" >>"$file"
  start=$(date +%s.%N)
  cargo build -p mosaic --quiet
  end=$(date +%s.%N)
  seconds=$(echo "$end - $start" | bc)
  times+=("$seconds")
  echo "round $round: ${seconds} s"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
echo "median of $rounds: ${median} s ($file)"
