#!/usr/bin/env bash
# Benchmark of the public plan list at scale: PostgreSQL, gunicorn with 2 workers (gunicorn.conf.py), DEBUG off,
# wrk with 8 connections on loopback. Writes the measured part of bench/plan_list/RESULTS.md (OUT=... to write elsewhere); notes outside it stay.
#
#   bench/plan_list/run.sh                       # 10 000 plans (seed_demo --scale 250), 15 s per URL
#   SCALE=25 DURATION=5 bench/plan_list/run.sh   # a quick run
#   REUSE_DB=1 bench/plan_list/run.sh            # measure again on the database of the last run
#
# Needs: the project's .venv (make venv), PostgreSQL on $PG (trust auth), wrk (apt-get install wrk).
set -euo pipefail
DB_NAME=${DB_NAME:-stadtdialog_bench_plan_list}
source "$(dirname "$0")/../env.sh"
SCALE=${SCALE:-250}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8765}
OUT=${OUT:-$ROOT/bench/plan_list/RESULTS.md}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

load_plans() {
  echo "== seed_demo --scale $SCALE --seed 1"
  "$PY" manage.py seed_demo --scale "$SCALE" --seed 1
}
bench_database load_plans
"$PY" manage.py collectstatic --noinput -v0
bench_vacuum

# URLs: the list without filters, with filters, with search, search plus filter, a plan page.
read -r PLANS PLAN_URL SEARCH_WORD <<<"$("$PY" manage.py shell -v0 -c "
from stadtdialog.plans.models import Plan
plans = Plan.objects.published()
plan = plans.filter(processes__published_at__isnull=False).order_by('id').first()
print(plans.count(), plan.get_absolute_url(), 'Spielplatz')
")"
declare -a NAMES URLS
NAMES+=("list, no filter");                  URLS+=("/vorhaben/")
NAMES+=("list, page 50");                    URLS+=("/vorhaben/?page=50")
NAMES+=("list, district + status filter");   URLS+=("/vorhaben/?district=linden-limmer&status=participation")
NAMES+=("list, participation running now");  URLS+=("/vorhaben/?participation=running&sort=title")
NAMES+=("list, year 2027 + field of action"); URLS+=("/vorhaben/?year=2027&field=oeffentlicher-raum-und-wohnumfeld")
NAMES+=("list, search");                      URLS+=("/vorhaben/?q=$SEARCH_WORD")
NAMES+=("list, search + district filter");    URLS+=("/vorhaben/?q=Radweg&district=mitte")
NAMES+=("plan page");                         URLS+=("$PLAN_URL")

echo "== EXPLAIN of the search query"
EXPLAIN=$("$PY" manage.py shell -v0 -c "
from stadtdialog.plans import queries
from stadtdialog.plans.filters import filter_form
from django.http import QueryDict
qs = queries.filter_plans(filter_form(QueryDict('q=$SEARCH_WORD')).criteria())
print(qs.explain(analyze=True))
")
echo "$EXPLAIN" | head -30

bench_start_gunicorn "$PORT" /vorhaben/
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)

ROWS=""
for i in "${!URLS[@]}"; do
  url="http://127.0.0.1:$PORT${URLS[$i]}"
  size=$(curl -fs "$url" | wc -c)
  found=$(curl -fs "$url" | grep -o '[0-9.]* Vorhaben gefunden' | head -n1 || true)
  # warm both workers (templates, connections, cached choices and counts) before measuring
  wrk -t2 -c"$CONNECTIONS" -d2s "$url" >/dev/null 2>&1 || true
  cpu_before=$("$PY" bench/plan_list/cpu.py "$(cat "$WORK/gunicorn.pid")" "$DB_NAME" "$PG")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency -s bench/plan_list/report.lua "$url" > "$WORK/wrk.txt" 2>&1 || true
  cpu_after=$("$PY" bench/plan_list/cpu.py "$(cat "$WORK/gunicorn.pid")" "$DB_NAME" "$PG")
  json=$(grep '^RESULT ' "$WORK/wrk.txt" | sed 's/^RESULT //')
  row=$("$PY" - "$json" "${NAMES[$i]}" "${URLS[$i]}" "$size" "$found" "$cpu_before" "$cpu_after" <<'PYEOF'
import json, sys
sys.path.insert(0, "bench/plan_list")
from cpu import delta
r = json.loads(sys.argv[1]); name, url, size, found = sys.argv[2:6]
before, after = json.loads(sys.argv[6]), json.loads(sys.argv[7])
app, db = delta(before, after, "app"), delta(before, after, "db")
ms = lambda us: f"{us / 1000:.1f}"
per = lambda seconds: f"{seconds * 1000 / max(r['requests'], 1):.1f}"
print(f"| {name} | `{url}` | {found or '–'} | {ms(r['p50'])} | {ms(r['p95'])} | {ms(r['p99'])} | {r['rps']:.0f} "
      f"| {per(app)} | {per(db)} | {int(size) / 1024:.1f} | {r['errors'] + r['non2xx']} |")
PYEOF
)
  echo "$row"
  ROWS+="$row"$'\n'
done

CPU=$(nproc)
LOAD=$(cut -d" " -f1-3 /proc/loadavg)
cat > "$WORK/results.md" <<MD
# Plan list benchmark

Produced by \`bench/plan_list/run.sh\` (SCALE=$SCALE, DURATION=${DURATION}s per URL, $CONNECTIONS connections) on
$(date -u +"%Y-%m-%d %H:%M UTC"), $CPU CPU cores, $(psql --version 2>/dev/null | head -n1 || echo PostgreSQL).

- Data: \`manage.py seed_demo --scale $SCALE --seed 1\` → **$PLANS published plans** ($DATA_NOTE).
- Server: gunicorn, 2 sync workers, \`gunicorn.conf.py\` of the repository (gc.freeze after loading), DEBUG=0,
  persistent database connections, no page cache (the filter choices and the count of a filter state are cached,
  see src/stadtdialog/plans/counts.py), PostgreSQL on the same machine.
- Load average of the machine (1, 5, 15 min) before the first URL: $LOAD_BEFORE; at the end of the run: $LOAD.
  Figures taken while other processes use the cores are correspondingly slower.
- Load: \`wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s bench/plan_list/report.lua URL\` on loopback, after 2 s of
  warming up (report.lua prints wrk's latency percentiles, including p95).
- CPU ms/req: user + system CPU time of the gunicorn workers (app) and of their PostgreSQL backends (DB)
  during the wrk run, divided by the requests served (bench/plan_list/cpu.py). It depends much less on
  other load than the latencies do (shared caches still inflate it on a busy machine); on an idle
  machine with 2 cores, throughput is at most about 2000 / (app + DB) requests per second, and with
  8 connections on 2 workers the median latency is about 4 × (app + DB).
- Targets (DESIGN.md): median ≤ 30 ms, p95 ≤ 60 ms, ≥ 150 req/s, ≤ 100 KB HTML.

| page | URL | result | median ms | p95 ms | p99 ms | req/s | app CPU ms/req | DB CPU ms/req | HTML KB | errors |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$ROWS
## Search query plan (EXPLAIN ANALYZE, q=$SEARCH_WORD)

\`\`\`
$EXPLAIN
\`\`\`
MD
bench_write_results "$WORK/results.md" "$OUT"
