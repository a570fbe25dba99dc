#!/usr/bin/env bash
# Benchmark of the public report /berichte/ at 10 000 plans, 2 000 processes and 200 000 contributions:
# PostgreSQL, gunicorn with 2 workers (gunicorn.conf.py), DEBUG off, wrk with 8 connections on loopback.
# Writes the measured part of bench/report/RESULTS.md (OUT=... to write elsewhere); notes outside it stay.
# Same approach as bench/process_page/run.sh. The figures are cached under a data version (reporting/cache.py):
# wrk measures the warm page; bench/report/cold.py measures the computation after a change (uncached).
#
#   bench/report/run.sh                                  # seed_demo --scale 250, 2 000 processes, 200 000 contributions
#   SCALE=25 PROCESSES=200 CONTRIBUTIONS=20000 DURATION=5 bench/report/run.sh   # a modest run
#   REUSE_DB=1 bench/report/run.sh                       # measure again on the database of the last run
#
# Needs: the project's .venv (make venv), PostgreSQL on $PG (trust auth), wrk (apt-get install wrk).
set -euo pipefail
DB_NAME=${DB_NAME:-stadtdialog_bench_report}
source "$(dirname "$0")/../env.sh"
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8767}
SCALE=${SCALE:-250}
OUT=${OUT:-$ROOT/bench/report/RESULTS.md}
export PROCESSES=${PROCESSES:-2000} CONTRIBUTIONS=${CONTRIBUTIONS:-200000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

generate() {
  echo "== seed_demo --scale $SCALE, then $PROCESSES processes and $CONTRIBUTIONS contributions (bulk_create)"
  "$PY" manage.py load_city hannover >/dev/null
  "$PY" manage.py seed_demo --scale "$SCALE" >/dev/null
  "$PY" manage.py shell -v0 -c "exec(open('bench/report/generate.py').read())" | grep '^REPORT'
}
bench_database generate
"$PY" manage.py collectstatic --noinput -v0
bench_vacuum
YEAR=$(date +%Y)
LAST=$((YEAR - 1))
DISTRICT=$("$PY" manage.py shell -v0 -c "from stadtdialog.organisation.models import District; print(District.objects.order_by('number').first().slug)")
DEPARTMENT=$("$PY" manage.py shell -v0 -c "from stadtdialog.plans.models import Plan; from django.db.models import Count; print(Plan.objects.values('lead_unit').annotate(n=Count('pk')).order_by('-n')[0]['lead_unit'])")

echo "== the computation without the cache (after a change), CPU per scope"
COLD=$("$PY" manage.py shell -v0 -c "exec(open('bench/report/cold.py').read())" 2>&1 | grep '^|' || true)
echo "$COLD"

declare -a NAMES URLS
NAMES+=("report of this year");               URLS+=("/berichte/")
NAMES+=("report of last year");               URLS+=("/berichte/?jahr=$LAST")
NAMES+=("last year, one district");           URLS+=("/berichte/?jahr=$LAST&stadtbezirk=$DISTRICT")
NAMES+=("last year, one department");         URLS+=("/berichte/?jahr=$LAST&fachbereich=$DEPARTMENT")
NAMES+=("CSV of the answers, last year");     URLS+=("/berichte/tabelle/answers.csv?jahr=$LAST")

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
# Report benchmark

Produced by \`bench/report/run.sh\` (DURATION=${DURATION}s per URL, $CONNECTIONS connections) on
$(date -u +"%Y-%m-%d %H:%M UTC"), $(nproc) CPU cores, $(psql --version 2>/dev/null | head -n1 || echo PostgreSQL).

- Data: \`seed_demo --scale $SCALE\` and \`bench/report/generate.py\` → **$PROCESSES processes and $CONTRIBUTIONS
  contributions** over three years, half of them answered, phases, events, results, decisions, milestones ($DATA_NOTE).
- Server: gunicorn, 2 sync workers, \`gunicorn.conf.py\` of the repository (gc.freeze after loading), DEBUG=0,
  persistent database connections, no page cache, PostgreSQL on the same machine.
- Load average of the machine (1, 5, 15 min) before the first URL: $LOAD_BEFORE; at the end of the run: $LOAD.
  Figures taken while other processes use the cores are correspondingly slower.
- Load: \`wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s bench/plan_list/report.lua URL\` on loopback, after 2 s of
  warming up.
- CPU ms/req: user + system CPU time of the gunicorn workers (app) and of their PostgreSQL backends (DB) during
  the wrk run, divided by the requests served (bench/plan_list/cpu.py); see bench/plan_list/RESULTS.md for how
  to read them.
- Target (DESIGN.md): public report, p95 ≤ 150 ms. wrk measures the cached page (the figures are kept under a
  data version that every change of a counted model raises, reporting/cache.py); the first request after a
  change computes them, as measured here without the cache:

| scope | CPU s to compute (uncached) | queries |
| --- | ---: | ---: |
$COLD

- Queries per page are constant (tests/reporting/test_pages.py, one world vs two).

| page | URL | median ms | p95 ms | p99 ms | req/s | app CPU ms/req | DB CPU ms/req | HTML KB | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$ROWS
MD
bench_write_results "$WORK/results.md" "$OUT"
