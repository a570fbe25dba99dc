#!/usr/bin/env bash
# CPU per request of pages on a benchmark database, in one process (see bench/cpu_profile.py).
# Use it to judge a code change on a busy machine; the wrk benchmarks give latencies and throughput.
#
#   bench/cpu.sh plan_list /vorhaben/ '/vorhaben/?q=Spielplatz'   # database of bench/plan_list/run.sh
#   bench/cpu.sh process_page /beteiligung/1/                     # database of bench/process_page/run.sh
#   PROFILE=1 REQUESTS=50 ROUNDS=1 bench/cpu.sh plan_list /vorhaben/   # with a cProfile of the requests
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,8p "$0" >&2; exit 2; }
DB_NAME=${DB_NAME:-stadtdialog_bench_$1}
shift
source "$(dirname "$0")/env.sh"
bench_database_exists || { echo "no database $DB_NAME: run bench/${DB_NAME#stadtdialog_bench_}/run.sh first" >&2; exit 1; }
"$PY" manage.py migrate --noinput -v0
export PYTHONPATH="$ROOT/src:$PYTHONPATH"
if [ "${INSTRUCTIONS:-0}" = 1 ]; then
  # Instructions per request counted by valgrind: slow, but the same on a busy machine. Two runs per URL,
  # WARMUP requests and WARMUP + REQUESTS requests; the difference divided by REQUESTS.
  command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 1; }
  requests=${REQUESTS:-10}
  ir() {
    UNDER_VALGRIND=1 REQUESTS=$1 WARMUP=${WARMUP:-5} valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
      "$PY" bench/cpu_profile.py "$2" >/dev/null 2>"$WORK/valgrind.log" || { cat "$WORK/valgrind.log" >&2; exit 1; }
    awk '/^totals:/ {print $2}' "$WORK/cg.out"
  }
  printf '%-70s %16s\n' URL "instructions/req"
  for url in "$@"; do
    base=$(ir 0 "$url")
    with=$(ir "$requests" "$url")
    printf '%-70s %16s\n' "$url" "$(( (with - base) / requests ))"
  done
  exit 0
fi
"$PY" bench/cpu_profile.py "$@"
