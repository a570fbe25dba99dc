#!/usr/bin/env bash
# Instructions per request before and after a change, in one run: INSTRUCTIONS=1 bench/cpu.sh in a worktree of REV
# (its own .venv, made with `make venv` when missing) and in this tree, on the same benchmark database; prints a
# table with the change in %.
#
#   bench/cpu_compare.sh main plan_list /vorhaben/ '/vorhaben/?q=Spielplatz'
#   bench/cpu_compare.sh 06666cc process_page /beteiligung/1/
#   WORKTREE=/work/wt-baseline bench/cpu_compare.sh 06666cc plan_list /vorhaben/   # an existing worktree of REV
#
# DB_NAME, REQUESTS and WARMUP are passed on to bench/cpu.sh (DB_NAME defaults to stadtdialog_bench_<database>).
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,10p "$0" >&2; exit 2; }
REV=$1 DATABASE=$2
shift 2
HERE=$(cd "$(dirname "$0")/.." && pwd)
COMMIT=$(git -C "$HERE" rev-parse --short "$REV")
WORKTREE=${WORKTREE:-$HERE/var/cpu-compare-$COMMIT}
if [ ! -d "$WORKTREE" ]; then
  git -C "$HERE" worktree add --detach "$WORKTREE" "$COMMIT" >/dev/null
fi
[ "$(git -C "$WORKTREE" rev-parse --short HEAD)" = "$COMMIT" ] || { echo "$WORKTREE is not at $COMMIT" >&2; exit 1; }
[ -x "$WORKTREE/.venv/bin/python" ] || make -C "$WORKTREE" venv >/dev/null
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# cpu.sh migrates the database: run the older code first, so that the newer migrations come last
INSTRUCTIONS=1 "$WORKTREE/bench/cpu.sh" "$DATABASE" "$@" | tail -n +2 > "$OUT/before"
INSTRUCTIONS=1 "$HERE/bench/cpu.sh" "$DATABASE" "$@" | tail -n +2 > "$OUT/after"
echo "Instructions per request (INSTRUCTIONS=1 bench/cpu.sh $DATABASE, ${REQUESTS:-10} requests after ${WARMUP:-5}),"
echo "before: $COMMIT, after: $(git -C "$HERE" rev-parse --short HEAD)$(git -C "$HERE" diff --quiet HEAD || echo ' with uncommitted changes')"
echo
echo "| URL | before | after | change |"
echo "| --- | ---: | ---: | ---: |"
paste "$OUT/before" "$OUT/after" | awk '{
  change = ($2 > 0) ? 100 * ($4 - $2) / $2 : 0
  printf "| `%s` | %\047d | %\047d | %+.1f %% |\n", $1, $2, $4, change
}'
