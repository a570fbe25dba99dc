#!/usr/bin/env bash
# Benchmark of the process page and its contribution list at 2 000 contributions / 10 000 comments:
# PostgreSQL, gunicorn with 2 workers (gunicorn.conf.py), DEBUG off, wrk with 8 connections on loopback.
# Writes the measured part of bench/process_page/RESULTS.md (OUT=... to write elsewhere); notes outside it stay.
# Same approach as bench/plan_list/run.sh.
#
#   bench/process_page/run.sh                       # 2 000 contributions, 10 000 comments, 15 s per URL
#   DURATION=5 bench/process_page/run.sh            # a quick run
#   REUSE_DB=1 bench/process_page/run.sh            # measure again on the database of the last run
#   CONTRIBUTIONS=200 COMMENTS=1000 bench/process_page/run.sh
#
# Needs: the project's .venv (make venv), PostgreSQL on $PG (trust auth), wrk (apt-get install wrk).
set -euo pipefail
DB_NAME=${DB_NAME:-stadtdialog_bench_process_page}
source "$(dirname "$0")/../env.sh"
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8766}
OUT=${OUT:-$ROOT/bench/process_page/RESULTS.md}
export CONTRIBUTIONS=${CONTRIBUTIONS:-2000} COMMENTS=${COMMENTS:-10000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# The benchmark's process: the one generate.py made (its plan's title starts with "Bench:").
find_process() {
  "$PY" manage.py shell -v0 -c "
from stadtdialog.processes.models import Process
process = Process.objects.filter(title__startswith='Bench:').order_by('-id').first()
busiest = process.contributions.order_by('-comment_count', 'id').first()
print('PROCESS', process.pk, busiest.pk, busiest.comment_count, process.contributions.count(),
      sum(c.comment_count for c in process.contributions.only('comment_count')))
"
}

generate() {
  echo "== generate $CONTRIBUTIONS contributions, $COMMENTS comments (bulk_create)"
  "$PY" manage.py shell -v0 -c "exec(open('bench/process_page/generate.py').read())" | grep '^PROCESS'
}
bench_database generate
read -r _ PROCESS BUSIEST BUSIEST_COMMENTS CONTRIBUTIONS COMMENTS <<<"$(find_process | grep '^PROCESS')"
"$PY" manage.py collectstatic --noinput -v0
bench_vacuum

declare -a NAMES URLS
NAMES+=("process page (dialog box, counts by status)"); URLS+=("/beteiligung/$PROCESS/")
NAMES+=("contribution list, newest");                   URLS+=("/beteiligung/$PROCESS/beitraege/")
NAMES+=("contribution list, page 50");                  URLS+=("/beteiligung/$PROCESS/beitraege/?page=50")
NAMES+=("list, most supported");                        URLS+=("/beteiligung/$PROCESS/beitraege/?sort=supported")
NAMES+=("list, most commented");                        URLS+=("/beteiligung/$PROCESS/beitraege/?sort=commented")
NAMES+=("list, random order (seed 7), page 10");        URLS+=("/beteiligung/$PROCESS/beitraege/?sort=random&seed=7&page=10")
NAMES+=("list, ideas not yet answered");                URLS+=("/beteiligung/$PROCESS/beitraege/?kind=idea&answer=none")
NAMES+=("contribution with most comments ($BUSIEST_COMMENTS)"); URLS+=("/beitraege/$BUSIEST/")

bench_start_gunicorn "$PORT" "${URLS[0]}"
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)

ROWS=""
for i in "${!URLS[@]}"; do
  url="http://127.0.0.1:$PORT${URLS[$i]}"
  size=$(curl -fs "$url" | wc -c)
  # warm both workers (template compilation, connections) before measuring
  wrk -t2 -c"$CONNECTIONS" -d2s "$url" >/dev/null 2>&1 || true
  cpu_before=$("$PY" bench/plan_list/cpu.py "$(cat "$WORK/gunicorn.pid")" "$DB_NAME" "$PG")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency -s bench/plan_list/report.lua "$url" > "$WORK/wrk.txt" 2>&1 || true
  cpu_after=$("$PY" bench/plan_list/cpu.py "$(cat "$WORK/gunicorn.pid")" "$DB_NAME" "$PG")
  json=$(grep '^RESULT ' "$WORK/wrk.txt" | sed 's/^RESULT //')
  row=$("$PY" - "$json" "${NAMES[$i]}" "${URLS[$i]}" "$size" "$cpu_before" "$cpu_after" <<'PYEOF'
import json, sys
sys.path.insert(0, "bench/plan_list")
from cpu import delta
r = json.loads(sys.argv[1]); name, url, size = sys.argv[2:5]
before, after = json.loads(sys.argv[5]), json.loads(sys.argv[6])
app, db = delta(before, after, "app"), delta(before, after, "db")
ms = lambda us: f"{us / 1000:.1f}"
per = lambda seconds: f"{seconds * 1000 / max(r['requests'], 1):.1f}"
print(f"| {name} | `{url}` | {ms(r['p50'])} | {ms(r['p95'])} | {ms(r['p99'])} | {r['rps']:.0f} | {per(app)} | {per(db)} "
      f"| {int(size) / 1024:.1f} | {r['errors'] + r['non2xx']} |")
PYEOF
)
  echo "$row"
  ROWS+="$row"$'\n'
done

LOAD=$(cut -d" " -f1-3 /proc/loadavg)
cat > "$WORK/results.md" <<MD
# Process page benchmark

Produced by \`bench/process_page/run.sh\` (DURATION=${DURATION}s per URL, $CONNECTIONS connections) on
$(date -u +"%Y-%m-%d %H:%M UTC"), $(nproc) CPU cores, $(psql --version 2>/dev/null | head -n1 || echo PostgreSQL).

- Data: \`bench/process_page/generate.py\` → one process with **$CONTRIBUTIONS contributions and $COMMENTS comments**
  (a third of them replies), supports and answers on most contributions ($DATA_NOTE).
- Server: gunicorn, 2 sync workers, \`gunicorn.conf.py\` of the repository (gc.freeze after loading), DEBUG=0,
  persistent database connections, no page cache, PostgreSQL on the same machine.
- Load average of the machine (1, 5, 15 min) before the first URL: $LOAD_BEFORE; at the end of the run: $LOAD.
  Figures taken while other processes use the cores are correspondingly slower.
- Load: \`wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s bench/plan_list/report.lua URL\` on loopback, after 2 s of
  warming up.
- CPU ms/req: user + system CPU time of the gunicorn workers (app) and of their PostgreSQL backends (DB) during
  the wrk run, divided by the requests served (bench/plan_list/cpu.py); see bench/plan_list/RESULTS.md for how
  to read them.
- Target (DESIGN.md): process page with its contribution list, p95 ≤ 80 ms.
- Queries per page are constant (tests/dialog/test_contributions_pages.py, 5 vs 50 contributions with comments).

| page | URL | median ms | p95 ms | p99 ms | req/s | app CPU ms/req | DB CPU ms/req | HTML KB | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$ROWS
MD
bench_write_results "$WORK/results.md" "$OUT"
