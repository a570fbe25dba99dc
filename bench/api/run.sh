#!/usr/bin/env bash
# Benchmark of the open-data API's lists at 10 000 plans and 200 000 contributions: PostgreSQL, gunicorn with 2
# workers (gunicorn.conf.py), DEBUG off, wrk with 8 connections on loopback; then one client pages through all
# contributions while the workers' memory is sampled (paging_memory.py).
# Writes the measured part of bench/api/RESULTS.md (OUT=... to write elsewhere); notes outside it stay.
#
#   bench/api/run.sh                                   # seed_demo --scale 250 + 200 000 contributions, 15 s per URL
#   REUSE_DB=1 bench/api/run.sh                        # again on the loaded database
#   SCALE=10 CONTRIBUTIONS=5000 DURATION=3 PAGES=20 bench/api/run.sh   # a small smoke run
#
# Needs: the project's .venv (make venv), PostgreSQL on $PG (trust auth), wrk (apt-get install wrk).
set -euo pipefail
DB_NAME=${DB_NAME:-stadtdialog_bench_api}
source "$(dirname "$0")/../env.sh"
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8767}
SCALE=${SCALE:-250}
PAGES=${PAGES:-0}  # pages of the memory run (0: all contributions)
OUT=${OUT:-$ROOT/bench/api/RESULTS.md}
export CONTRIBUTIONS=${CONTRIBUTIONS:-200000} COMMENTS=${COMMENTS:-20000} API_RATE_LIMIT=0
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

load() {
  echo "== seed_demo --scale $SCALE --seed 1"
  "$PY" manage.py seed_demo --scale "$SCALE" --seed 1
  echo "== $CONTRIBUTIONS contributions, $COMMENTS comments (bench/process_page/generate.py, bulk_create)"
  "$PY" manage.py shell -v0 -c "exec(open('bench/process_page/generate.py').read())" | grep '^PROCESS' || true
}
bench_database load
if [ "$("$PY" manage.py shell -v0 -c "from stadtdialog.events.models import Event; print(Event.objects.exists())")" = False ]; then
  echo "== events (bench/api/events.py: seed_demo --scale seeds none)"
  "$PY" manage.py shell -v0 -c "exec(open('bench/api/events.py').read())"
fi
read -r PLANS CONTRIBUTIONS_SEEN PROCESS DISTRICT CURSOR_DEEP <<<"$("$PY" manage.py shell -v0 -c "
from stadtdialog.api import pagination
from stadtdialog.dialog.models import Contribution
from stadtdialog.organisation.models import District
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process
process = Process.objects.filter(title__startswith='Bench:').order_by('-id').first()
ids = Contribution.objects.order_by('id').values_list('id', flat=True)
middle = ids[ids.count() // 2]
print(Plan.objects.published().count(), Contribution.objects.count(), process.pk,
      District.objects.order_by('number').first().pk, pagination.encode(middle))
")"
"$PY" manage.py collectstatic --noinput -v0
bench_vacuum

declare -a NAMES URLS
NAMES+=("plans, first page (50)");                 URLS+=("/api/v1/plans")
NAMES+=("plans of a district, status filter");     URLS+=("/api/v1/plans?district=$DISTRICT&status=participation")
NAMES+=("plans, 200 per page");                    URLS+=("/api/v1/plans?limit=200")
NAMES+=("contributions, first page");              URLS+=("/api/v1/contributions")
NAMES+=("contributions, middle (cursor)");         URLS+=("/api/v1/contributions?cursor=$CURSOR_DEEP")
NAMES+=("contributions of the process, ideas");    URLS+=("/api/v1/contributions?process=$PROCESS&kind=idea")
NAMES+=("contributions not yet answered");         URLS+=("/api/v1/contributions?answer=none")
NAMES+=("comments, first page");                   URLS+=("/api/v1/comments")
NAMES+=("processes with concept and phases");      URLS+=("/api/v1/processes")
NAMES+=("events");                                 URLS+=("/api/v1/events")

bench_start_gunicorn "$PORT" "${URLS[0]}"
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)

ROWS=""
for i in "${!URLS[@]}"; do
  url="http://127.0.0.1:$PORT${URLS[$i]}"
  size=$(curl -fs "$url" | wc -c)
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
ok = "yes" if r["p95"] <= 50_000 and r["rps"] >= 200 else "no"
print(f"| {name} | `{url[:60]}` | {ms(r['p50'])} | {ms(r['p95'])} | {ms(r['p99'])} | {r['rps']:.0f} | {per(app)} | {per(db)} "
      f"| {int(size) / 1024:.1f} | {r['errors'] + r['non2xx']} | {ok} |")
PYEOF
)
  echo "$row"
  ROWS+="$row"$'\n'
done

echo "== paging through all contributions, sampling the workers' memory"
MEMORY=$("$PY" bench/api/paging_memory.py "http://127.0.0.1:$PORT/api/v1/contributions?limit=200" \
  "$(cat "$WORK/gunicorn.pid")" "$PAGES")
echo "$MEMORY"

LOAD=$(cut -d" " -f1-3 /proc/loadavg)
cat > "$WORK/results.md" <<MD
# Open-data API benchmark

Produced by \`bench/api/run.sh\` (DURATION=${DURATION}s per URL, $CONNECTIONS connections) on
$(date -u +"%Y-%m-%d %H:%M UTC"), $(nproc) CPU cores, $(psql --version 2>/dev/null | head -n1 || echo PostgreSQL).

- Data: \`seed_demo --scale $SCALE --seed 1\` and \`bench/process_page/generate.py\` → **$PLANS published plans,
  $CONTRIBUTIONS_SEEN contributions** ($DATA_NOTE).
- Server: gunicorn, 2 sync workers, \`gunicorn.conf.py\`, DEBUG=0, persistent connections, API_RATE_LIMIT=0,
  PostgreSQL on the same machine. Load average before: $LOAD_BEFORE; after: $LOAD.
- Load: \`wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency\` on loopback after 2 s of warming up.
- Target (DESIGN.md, issue 18): p95 ≤ 50 ms and ≥ 200 req/s; "ok" says whether both hold.

| list | URL | median ms | p95 ms | p99 ms | req/s | app CPU ms/req | DB CPU ms/req | KB | errors | ok |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
$ROWS

Memory while one client pages through all contributions (200 per page, following \`next\`):

$MEMORY
MD
bench_write_results "$WORK/results.md" "$OUT"
