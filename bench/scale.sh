#!/usr/bin/env bash
# Growth benchmark: every public list URL at about 10 000 and about 100 000 plans, measured side by side.
#
# Two PostgreSQL databases (seed_demo --scale SMALL and --scale LARGE, plus the process page's data of
# bench/process_page/generate.py in each), one gunicorn per database (2 workers each, gunicorn.conf.py, DEBUG off),
# and per URL: wrk against the small database, then at once against the large one (back to back, the same
# warm-up and duration), with the CPU of the workers and their PostgreSQL backends during each run. Every table
# also measures the cheapest content page and a static file in the same run; each page's throughput is given as
# a share of the content page's. Writes the measured part of bench/scale/RESULTS.md (OUT=...).
#
#   bench/scale.sh                          # load both databases (the large one takes a while), 10 s per URL
#   REUSE_DB=1 bench/scale.sh               # measure again on the databases of the last run
#   REUSE_DB=1 DURATION=5 bench/scale.sh    # a quick run
#   LOAD_ONLY=1 bench/scale.sh              # load the databases, measure nothing
#
# Needs: the project's .venv (make venv), PostgreSQL on $PG (trust auth), wrk (apt-get install wrk).
set -euo pipefail
DB_NAME=${DB_SMALL:-stadtdialog_bench_scale_10k}
source "$(dirname "$0")/env.sh"
DB_SMALL=${DB_SMALL:-stadtdialog_bench_scale_10k}
DB_LARGE=${DB_LARGE:-stadtdialog_bench_scale_100k}
SCALE_SMALL=${SCALE_SMALL:-222}  # about 10 000 published plans
SCALE_LARGE=${SCALE_LARGE:-2220} # about 100 000 published plans
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
PORT_SMALL=${PORT_SMALL:-8771}
PORT_LARGE=${PORT_LARGE:-8772}
OUT=${OUT:-$ROOT/bench/scale/RESULTS.md}
export CONTRIBUTIONS=${CONTRIBUTIONS:-2000} COMMENTS=${COMMENTS:-10000}
export API_RATE_LIMIT=0  # the API's limit per client would refuse wrk
[ "${LOAD_ONLY:-0}" = 1 ] || command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

trap 'scale_cleanup' EXIT
scale_cleanup() {
  for pidfile in "$WORK"/gunicorn-*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$WORK" 2>/dev/null || { sleep 1; rm -rf "$WORK"; }  # a gunicorn just killed may still write its log
}

use_database() {
  DB_NAME=$1
  export DATABASE_URL="$PG/$DB_NAME"
}

declare -A NOTES
load() {
  local scale=$1
  echo "== seed_demo --scale $scale --seed 1 into $DB_NAME"
  "$PY" manage.py seed_demo --scale "$scale" --seed 1
  echo "== process page data ($CONTRIBUTIONS contributions, $COMMENTS comments)"
  "$PY" manage.py shell -v0 -c "exec(open('bench/process_page/generate.py').read())" | grep '^PROCESS' || true
}
for pair in "$DB_SMALL:$SCALE_SMALL" "$DB_LARGE:$SCALE_LARGE"; do
  use_database "${pair%%:*}"
  bench_database load "${pair##*:}"
  NOTES[$DB_NAME]=$DATA_NOTE
  bench_vacuum
done
[ "${LOAD_ONLY:-0}" = 1 ] && { echo "== loaded $DB_SMALL and $DB_LARGE"; exit 0; }
"$PY" manage.py collectstatic --noinput -v0

# What the URLs need from each database: the number of published plans, the benchmark's process, a plan page.
facts() {
  "$PY" manage.py shell -v0 -c "
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process
plans = Plan.objects.published()
process = Process.objects.filter(title__startswith='Bench:').order_by('-id').first()
plan = plans.filter(processes__published_at__isnull=False).exclude(pk=process.plan_id).order_by('id').first()
print(plans.count(), process.pk, plan.pk)
"
}
use_database "$DB_SMALL"; read -r PLANS_SMALL PROCESS_SMALL PLAN_SMALL <<<"$(facts)"
use_database "$DB_LARGE"; read -r PLANS_LARGE PROCESS_LARGE PLAN_LARGE <<<"$(facts)"
STATIC=$(cd "$WORK/static" && ls css/*.css | head -n1)

# name|path (PROCESS and PLAN are replaced per database). The first two rows are the floor: the cheapest
# content page and a static file.
URLS=(
  "content page (floor)|/seite/impressum/"
  "static file (floor)|/static/$STATIC"
  "plan list, no filter|/vorhaben/"
  "plan list, page 50|/vorhaben/?page=50"
  "plan list, district + status|/vorhaben/?district=linden-limmer&status=participation"
  "plan list, participation running, by title|/vorhaben/?participation=running&sort=title"
  "plan list, year + field of action|/vorhaben/?year=2027&field=oeffentlicher-raum-und-wohnumfeld"
  "plan search|/vorhaben/?q=Spielplatz"
  "plan search + district|/vorhaben/?q=Radweg&district=mitte"
  "map page|/vorhaben/karte/"
  "map data, no filter (capped)|/vorhaben/karte/daten.geojson"
  "map data, district|/vorhaben/karte/daten.geojson?district=linden-limmer"
  "map data, search|/vorhaben/karte/daten.geojson?q=Spielplatz"
  "plan feed|/vorhaben/feed/"
  "plan page|/vorhaben/PLAN/"
  "process page (2 000 contributions)|/beteiligung/PROCESS/"
  "contribution list|/beteiligung/PROCESS/beitraege/"
  "contribution list, page 50|/beteiligung/PROCESS/beitraege/?page=50"
  "event list|/veranstaltungen/"
  "initiative list|/initiativen/"
  "report page|/berichte/"
  "API plans|/api/v1/plans"
  "API contributions|/api/v1/contributions"
)

start_gunicorn() {
  local name=$1 port=$2
  use_database "$name"
  "$ROOT/.venv/bin/gunicorn" stadtdialog.wsgi:application --config "$ROOT/gunicorn.conf.py" --chdir "$ROOT/src" \
    --workers 2 --bind "127.0.0.1:$port" --access-logfile /dev/null --error-logfile "$WORK/gunicorn-$name.log" \
    --pid "$WORK/gunicorn-$name.pid" --daemon
  for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/seite/impressum/" && return 0; sleep 0.2; done
  echo "gunicorn on $name did not answer; its log:" >&2
  cat "$WORK/gunicorn-$name.log" >&2
  exit 1
}
echo "== gunicorn on $DB_SMALL (:$PORT_SMALL) and $DB_LARGE (:$PORT_LARGE)"
start_gunicorn "$DB_SMALL" "$PORT_SMALL"
start_gunicorn "$DB_LARGE" "$PORT_LARGE"

# Queries per page, counted in one process (bench/cpu_profile.py, one round) on each database.
count_queries() {
  local name=$1 plan=$2 process=$3 paths=()
  use_database "$name"
  for entry in "${URLS[@]:2}"; do
    local path=${entry#*|}; path=${path//PLAN/$plan}; paths+=("${path//PROCESS/$process}")
  done
  REQUESTS=1 ROUNDS=1 WARMUP=1 PYTHONPATH="$ROOT/src:$PYTHONPATH" "$PY" bench/cpu_profile.py "${paths[@]}" \
    | awk 'NR > 1 {print $1, $3}'
}
echo "== queries per page"
count_queries "$DB_SMALL" "$PLAN_SMALL" "$PROCESS_SMALL" > "$WORK/queries-small.txt"
count_queries "$DB_LARGE" "$PLAN_LARGE" "$PROCESS_LARGE" > "$WORK/queries-large.txt"

# One wrk run: prints a JSON object with wrk's figures, the CPU per request and the queries.
measure() {
  local name=$1 port=$2 path=$3 queries_file=$4
  local url="http://127.0.0.1:$port$path" pid
  pid=$(cat "$WORK/gunicorn-$name.pid")
  wrk -t2 -c"$CONNECTIONS" -d2s "$url" >/dev/null 2>&1 || true
  local before after
  before=$("$PY" bench/plan_list/cpu.py "$pid" "$name" "$PG")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency -s bench/plan_list/report.lua "$url" > "$WORK/wrk.txt" 2>&1 || true
  after=$("$PY" bench/plan_list/cpu.py "$pid" "$name" "$PG")
  local queries
  queries=$(awk -v p="$path" '$1 == p {print $2}' "$queries_file")
  "$PY" - "$(grep '^RESULT ' "$WORK/wrk.txt" | sed 's/^RESULT //')" "$before" "$after" "${queries:-0}" \
    "$(curl -fs "$url" | wc -c)" <<'PYEOF'
import json, sys
sys.path.insert(0, "bench/plan_list")
from cpu import delta
r = json.loads(sys.argv[1]); before, after = json.loads(sys.argv[2]), json.loads(sys.argv[3])
n = max(r["requests"], 1)
r["app"] = delta(before, after, "app") * 1000 / n
r["db"] = delta(before, after, "db") * 1000 / n
r["queries"] = int(sys.argv[4]); r["bytes"] = int(sys.argv[5])
print(json.dumps(r))
PYEOF
}

LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
: > "$WORK/runs.jsonl"
for entry in "${URLS[@]}"; do
  title=${entry%%|*}; path=${entry#*|}
  small=${path//PLAN/$PLAN_SMALL}; small=${small//PROCESS/$PROCESS_SMALL}
  large=${path//PLAN/$PLAN_LARGE}; large=${large//PROCESS/$PROCESS_LARGE}
  load=$(cut -d" " -f1 /proc/loadavg)
  a=$(measure "$DB_SMALL" "$PORT_SMALL" "$small" "$WORK/queries-small.txt")
  b=$(measure "$DB_LARGE" "$PORT_LARGE" "$large" "$WORK/queries-large.txt")
  printf '%s\n' "$("$PY" -c 'import json,sys; print(json.dumps({"title": sys.argv[1], "path": sys.argv[2], "load": sys.argv[3], "small": json.loads(sys.argv[4]), "large": json.loads(sys.argv[5])}))' "$title" "$path" "$load" "$a" "$b")" | tee -a "$WORK/runs.jsonl"
done
LOAD=$(cut -d" " -f1-3 /proc/loadavg)

"$PY" - "$WORK/runs.jsonl" > "$WORK/table.md" <<'PYEOF'
import json, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
floor = {size: runs[0][size]["rps"] or 1 for size in ("small", "large")}
ms = lambda us: f"{us / 1000:.1f}"
print("| page | URL | load | median ms 10k / 100k | p95 ms 10k / 100k | p95 ratio | req/s 10k / 100k "
      "| share of content page 10k / 100k | app CPU ms/req 10k / 100k | DB CPU ms/req 10k / 100k "
      "| queries 10k / 100k | KB 100k | errors |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for run in runs:
    a, b = run["small"], run["large"]
    ratio = b["p95"] / a["p95"] if a["p95"] else 0
    share = lambda r, size: f"{100 * r['rps'] / floor[size]:.0f} %"
    queries = f"{a['queries']} / {b['queries']}" if a["queries"] or b["queries"] else "–"
    print(f"| {run['title']} | `{run['path']}` | {run['load']} | {ms(a['p50'])} / {ms(b['p50'])} "
          f"| {ms(a['p95'])} / {ms(b['p95'])} | {ratio:.2f} | {a['rps']:.0f} / {b['rps']:.0f} "
          f"| {share(a, 'small')} / {share(b, 'large')} | {a['app']:.1f} / {b['app']:.1f} | {a['db']:.1f} / {b['db']:.1f} "
          f"| {queries} | {b['bytes'] / 1024:.1f} | {a['errors'] + a['non2xx'] + b['errors'] + b['non2xx']} |")
PYEOF

EXPLAIN_SEARCH=""
for name in "$DB_SMALL" "$DB_LARGE"; do
  use_database "$name"
  EXPLAIN_SEARCH+="-- $name"$'\n'$("$PY" manage.py shell -v0 -c "
from django.http import QueryDict
from stadtdialog.plans import queries
from stadtdialog.plans.filters import filter_form
for q in ('q=Spielplatz', 'q=Radweg&district=mitte'):
    rows = queries.list_rows(queries.filter_plans(filter_form(QueryDict(q)).criteria()))[:20]
    print('--', q); print(rows.explain(analyze=True))
")$'\n'
done

CACHE_NOTE="the database cache (settings.CACHES without REDIS_URL, as in bench/env.sh)"
[ -n "${REDIS_URL:-}" ] && CACHE_NOTE="Redis at REDIS_URL"
cat > "$WORK/results.md" <<MD
# Growth benchmark: 10 000 and 100 000 plans side by side

Produced by \`bench/scale.sh\` (DURATION=${DURATION}s per URL and size, $CONNECTIONS connections) on
$(date -u +"%Y-%m-%d %H:%M UTC"), $(nproc) CPU cores, $(psql --version 2>/dev/null | head -n1 || echo PostgreSQL).

- Data: \`seed_demo --scale $SCALE_SMALL --seed 1\` → **$PLANS_SMALL published plans** (${NOTES[$DB_SMALL]}) and
  \`seed_demo --scale $SCALE_LARGE --seed 1\` → **$PLANS_LARGE published plans** (${NOTES[$DB_LARGE]}); in each
  also one process with $CONTRIBUTIONS contributions and $COMMENTS comments (bench/process_page/generate.py).
- Server: one gunicorn per database, 2 sync workers each, \`gunicorn.conf.py\`, DEBUG=0, persistent connections,
  cache: $CACHE_NOTE. Both servers run during the whole run; per URL the small database is measured and then at
  once the large one (2 s warm-up, then \`wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency\`).
- Load average of the machine (1, 5, 15 min) before the first URL: $LOAD_BEFORE; at the end: $LOAD; the column
  "load" is the 1-minute load average when the URL's pair of runs began. The machine has 2 cores shared with
  other work: compare the two sizes of a row (measured within seconds of each other) and the CPU per request,
  not the latencies across rows or runs.
- CPU ms/req: user + system CPU of the gunicorn workers (app) and of their PostgreSQL backends (DB) during the
  run, divided by the requests served. Queries: counted in one process (bench/cpu_profile.py).
- Floor: the first two rows are the cheapest content page and a static file (whitenoise) on the same servers;
  "share of content page" is a page's req/s as a share of the content page's req/s at the same size.
- Not in the table: the CSV export (all matches by design: it grows with the data).

| | |
| --- | --- |
| plans | $PLANS_SMALL / $PLANS_LARGE |

$(cat "$WORK/table.md")

## Search query plans (EXPLAIN ANALYZE of the page's rows, both sizes)

\`\`\`
$EXPLAIN_SEARCH
\`\`\`
MD
mkdir -p "$(dirname "$OUT")"
bench_write_results "$WORK/results.md" "$OUT"
