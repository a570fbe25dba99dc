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
"$PY" manage.py createcachetable
export PYTHONPATH="$ROOT/src:$PYTHONPATH"
if [ "${INSTRUCTIONS:-0}" = 1 ]; then
  # Instructions per request counted by valgrind (callgrind): slow, but the same on a busy machine. Counting is
  # switched on only around the measured requests, through a tiny library built here from valgrind's header.
  command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 1; }
  printf '#include <valgrind/callgrind.h>\nvoid toggle(void) { CALLGRIND_TOGGLE_COLLECT; }\n' > "$WORK/toggle.c"
  cc -shared -fPIC -o "$WORK/toggle.so" "$WORK/toggle.c" || { echo "needs a C compiler and valgrind's headers" >&2; exit 1; }
  printf '%-70s %16s\n' URL "instructions/req"
  for url in "$@"; do
    PYTHONHASHSEED=0 UNDER_VALGRIND="$WORK/toggle.so" REQUESTS=${REQUESTS:-10} WARMUP=${WARMUP:-5} valgrind --tool=callgrind \
      --collect-atstart=no --callgrind-out-file="$WORK/cg.out" "$PY" bench/cpu_profile.py "$url" >/dev/null 2>"$WORK/valgrind.log" \
      || { cat "$WORK/valgrind.log" >&2; exit 1; }
    printf '%-70s %16s\n' "$url" "$(( $(awk '/^totals:/ {print $2}' "$WORK/cg.out") / ${REQUESTS:-10} ))"
  done
  exit 0
fi
"$PY" bench/cpu_profile.py "$@"
