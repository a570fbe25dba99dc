#!/usr/bin/env bash
# Generate the pools and run every benchmark ONE AT A TIME, each bounded by timeout
# (seconds: $LIMIT), so that the runs do not compete with each other for the two cores.
# sortition-algorithms runs up to n = 2000 only (its maximin alone takes about 10 minutes there).
# Usage: bash bench/sortition/run_all.sh OUTDIR   (needs /tmp/sortvenv and /tmp/benchvenv)
set -u
OUT=${1:-/tmp/sortition-bench}
LIMIT=${LIMIT:-1400}
mkdir -p "$OUT"
for spec in "200 20" "1000 100" "2000 200" "5000 500"; do
  set -- $spec
  python3 bench/sortition/generate.py --n "$1" --k "$2" --seed 1 --out "$OUT/pool-$1"
done
for spec in "200 20" "1000 100" "2000 200" "5000 500"; do
  set -- $spec
  PYTHONPATH=src timeout "$LIMIT" /tmp/sortvenv/bin/python bench/sortition/run.py \
    --pool "$OUT/pool-$1" --k "$2" --legacy-runs 2000 > "$OUT/stadtdialog-$1.jsonl" 2>&1
  if [ "$1" -le 2000 ]; then
    timeout "$LIMIT" /tmp/benchvenv/bin/python bench/sortition/run_sortition_algorithms.py \
      --pool "$OUT/pool-$1" --k "$2" > "$OUT/sa-maximin-$1.log" 2>&1
  fi
done
