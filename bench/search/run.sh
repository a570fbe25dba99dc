#!/usr/bin/env bash
# Search benchmark (issue 16 item 6, issue 19 item 2): the site search /suche/ and the plan search at about 10 000
# plans and 20 000 contributions, and the plan search at 10 000 and 100 000 plans side by side.
#
# Two PostgreSQL databases of their own (DB_SMALL=sd_search_10k, DB_LARGE=sd_search_100k): seed_demo --scale 222 and
# --scale 2220 (--seed 1), each with one process of 20 000 contributions and 10 000 comments
# (bench/process_page/generate.py), migrated; the search index is filled after the migrations (search/apps.py) or
# by `manage.py rebuild_search_index`. One gunicorn per database (2 workers, gunicorn.conf.py, DEBUG off); per URL
# 2 s of wrk to warm up, then wrk -t2 -c8 -dDURATION --latency, with the CPU of the workers and their PostgreSQL
# backends during the run (bench/plan_list/cpu.py), the 1-minute load average when the URL began. Afterwards the
# EXPLAIN ANALYZE of the plan search's page query and of the site search's queries at both sizes.
#
#   LOAD=1 bench/search/run.sh        # load both databases first (the large one takes about 10 min), then measure
#   bench/search/run.sh               # measure on the loaded databases (migrates them)
#   DURATION=5 bench/search/run.sh    # quicker
#
# Writes bench/search/RESULTS.md (OUT=...) between <!-- measured --> and <!-- /measured -->.
set -euo pipefail
DB_SMALL=${DB_SMALL:-sd_search_10k}
DB_LARGE=${DB_LARGE:-sd_search_100k}
DB_NAME=$DB_SMALL
source "$(dirname "$0")/../env.sh"
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
PORT_SMALL=${PORT_SMALL:-8781}
PORT_LARGE=${PORT_LARGE:-8782}
OUT=${OUT:-$ROOT/bench/search/RESULTS.md}
export CONTRIBUTIONS=${CONTRIBUTIONS:-20000} COMMENTS=${COMMENTS:-10000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

trap 'search_cleanup' EXIT
search_cleanup() {
  for pidfile in "$WORK"/gunicorn-*.pid; do [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true; done
  rm -rf "$WORK" 2>/dev/null || { sleep 1; rm -rf "$WORK"; }  # a gunicorn just killed may still write its log
}
use_database() { DB_NAME=$1; export DATABASE_URL="$PG/$DB_NAME"; }

load() {
  "$PY" manage.py seed_demo --scale "$1" --seed 1
  "$PY" manage.py shell -v0 -c "exec(open('bench/process_page/generate.py').read())" | grep '^PROCESS' || true
  "$PY" manage.py rebuild_search_index
}
for pair in "$DB_SMALL:222" "$DB_LARGE:2220"; do
  use_database "${pair%%:*}"
  if [ "${LOAD:-0}" = 1 ]; then REUSE_DB=0 bench_database load "${pair##*:}"; else REUSE_DB=1 bench_database load "${pair##*:}"; fi
  bench_vacuum
done
"$PY" manage.py collectstatic --noinput -v0

facts() {
  "$PY" manage.py shell -v0 -c "
from stadtdialog.dialog.models import Contribution
from stadtdialog.plans.models import Plan
from stadtdialog.search.models import SearchEntry
print(Plan.objects.published().count(), Contribution.objects.count(), SearchEntry.objects.count())
"
}
use_database "$DB_SMALL"; read -r PLANS_SMALL CONTRIB_SMALL ENTRIES_SMALL <<<"$(facts)"
use_database "$DB_LARGE"; read -r PLANS_LARGE CONTRIB_LARGE ENTRIES_LARGE <<<"$(facts)"

start_gunicorn() {
  local name=$1 port=$2
  use_database "$name"
  "$ROOT/.venv/bin/gunicorn" stadtdialog.wsgi:application --config "$ROOT/gunicorn.conf.py" --chdir "$ROOT/src" \
    --workers 2 --bind "127.0.0.1:$port" --access-logfile /dev/null --error-logfile "$WORK/gunicorn-$name.log" \
    --pid "$WORK/gunicorn-$name.pid" --daemon
  for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/seite/impressum/" && return 0; sleep 0.2; done
  cat "$WORK/gunicorn-$name.log" >&2; exit 1
}
start_gunicorn "$DB_SMALL" "$PORT_SMALL"
start_gunicorn "$DB_LARGE" "$PORT_LARGE"

measure() {  # name port path -> JSON line
  local name=$1 port=$2 path=$3 pid before after
  local url="http://127.0.0.1:$port$path"
  pid=$(cat "$WORK/gunicorn-$name.pid")
  wrk -t2 -c"$CONNECTIONS" -d2s "$url" >/dev/null 2>&1 || true
  before=$("$PY" bench/plan_list/cpu.py "$pid" "$name" "$PG")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency -s bench/plan_list/report.lua "$url" > "$WORK/wrk.txt" 2>&1 || true
  after=$("$PY" bench/plan_list/cpu.py "$pid" "$name" "$PG")
  "$PY" - "$(grep '^RESULT ' "$WORK/wrk.txt" | sed 's/^RESULT //')" "$before" "$after" "$(curl -fs "$url" | wc -c)" \
    "$(cut -d' ' -f1 /proc/loadavg)" <<'PYEOF'
import json, sys
sys.path.insert(0, "bench/plan_list")
from cpu import delta
r = json.loads(sys.argv[1]); before, after = json.loads(sys.argv[2]), json.loads(sys.argv[3])
n = max(r["requests"], 1)
r["app"] = delta(before, after, "app") * 1000 / n
r["db"] = delta(before, after, "db") * 1000 / n
r["bytes"] = int(sys.argv[4]); r["load"] = sys.argv[5]
print(json.dumps(r))
PYEOF
}

# Part 1 (issue 16): the start page and the search page at 10 000 plans and 20 000 contributions.
PAGES=(
  "content page (floor)|/seite/impressum/"
  "start page|/"
  "search page|/suche/?q=Spielplatz"
  "search page, a typo|/suche/?q=Spielpaltz"
  "search page, two words|/suche/?q=Radweg%20Linden"
  "search page, contributions page 2|/suche/?q=Spielplatz&art=contribution&page=2"
  "plan search|/vorhaben/?q=Spielplatz"
  "plan search, a typo|/vorhaben/?q=Spielpaltz"
)
# Part 2 (issue 19): the same URLs at both sizes, back to back.
GROWTH=(
  "plan search|/vorhaben/?q=Spielplatz"
  "plan search + district|/vorhaben/?q=Radweg&district=mitte"
  "search page|/suche/?q=Spielplatz"
  "search page, plans only|/suche/?q=Radweg&art=plan"
)
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
: > "$WORK/pages.jsonl"; : > "$WORK/growth.jsonl"
for entry in "${PAGES[@]}"; do
  printf '{"title": "%s", "path": "%s", "r": %s}\n' "${entry%%|*}" "${entry#*|}" \
    "$(measure "$DB_SMALL" "$PORT_SMALL" "${entry#*|}")" | tee -a "$WORK/pages.jsonl"
done
for entry in "${GROWTH[@]}"; do
  a=$(measure "$DB_SMALL" "$PORT_SMALL" "${entry#*|}"); b=$(measure "$DB_LARGE" "$PORT_LARGE" "${entry#*|}")
  printf '{"title": "%s", "path": "%s", "small": %s, "large": %s}\n' "${entry%%|*}" "${entry#*|}" "$a" "$b" \
    | tee -a "$WORK/growth.jsonl"
done
LOAD_AFTER=$(cut -d" " -f1-3 /proc/loadavg)

"$PY" - "$WORK/pages.jsonl" "$WORK/growth.jsonl" > "$WORK/tables.md" <<'PYEOF'
import json, sys
ms = lambda us: f"{us / 1000:.1f}"
pages = [json.loads(line) for line in open(sys.argv[1])]
print("| page | URL | load (1 min) | median ms | p95 ms | req/s | app CPU ms/req | DB CPU ms/req | KB | errors |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for p in pages:
    r = p["r"]
    print(f"| {p['title']} | `{p['path']}` | {r['load']} | {ms(r['p50'])} | {ms(r['p95'])} | {r['rps']:.0f} "
          f"| {r['app']:.1f} | {r['db']:.1f} | {r['bytes'] / 1024:.1f} | {r['errors'] + r['non2xx']} |")
print()
print("| page | URL | load 10k / 100k | median ms 10k / 100k | p95 ms 10k / 100k | req/s 10k / 100k "
      "| app CPU ms/req 10k / 100k | DB CPU ms/req 10k / 100k | CPU (app + DB) ratio 100k / 10k | errors |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for g in map(json.loads, open(sys.argv[2])):
    a, b = g["small"], g["large"]
    ratio = (b["app"] + b["db"]) / max(a["app"] + a["db"], 0.001)
    print(f"| {g['title']} | `{g['path']}` | {a['load']} / {b['load']} | {ms(a['p50'])} / {ms(b['p50'])} "
          f"| {ms(a['p95'])} / {ms(b['p95'])} | {a['rps']:.0f} / {b['rps']:.0f} | {a['app']:.1f} / {b['app']:.1f} "
          f"| {a['db']:.1f} / {b['db']:.1f} | {ratio:.2f} | {a['errors'] + a['non2xx'] + b['errors'] + b['non2xx']} |")
PYEOF

: > "$WORK/explain.txt"
for name in "$DB_SMALL" "$DB_LARGE"; do
  use_database "$name"
  { echo "-- database $name"; "$PY" manage.py shell -v0 -c "exec(open('bench/search/explain.py').read())"; } >> "$WORK/explain.txt"
done

"$PY" - "$OUT" "$WORK/tables.md" "$WORK/explain.txt" <<PYEOF
import sys
out, tables, explain = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read().strip()
measured = f"""<!-- measured -->
Produced by \`bench/search/run.sh\` (DURATION=${DURATION}s per URL, $CONNECTIONS connections, wrk -t2) on
$(date -u +"%Y-%m-%d %H:%M UTC"), $(nproc) CPU cores, $(psql --version 2>/dev/null | head -n1).

- Data: $DB_SMALL: **$PLANS_SMALL published plans**, $CONTRIB_SMALL contributions, $ENTRIES_SMALL search entries;
  $DB_LARGE: **$PLANS_LARGE published plans**, $CONTRIB_LARGE contributions, $ENTRIES_LARGE search entries.
- Server: one gunicorn per database, 2 sync workers each, gunicorn.conf.py, DEBUG=0, persistent connections, the
  database cache. Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER (2 shared cores).
- CPU ms/req: user + system CPU of the gunicorn workers (app) and their PostgreSQL backends (DB) during the run,
  divided by the requests served: the figure to judge on a loaded machine.

## Search page and plan search at about 10 000 plans and 20 000 contributions (issue 16)

{tables.split(chr(10) + chr(10))[0]}

## 10 000 and 100 000 plans side by side (issue 19)

{tables.split(chr(10) + chr(10))[1]}

## EXPLAIN ANALYZE at both sizes

\`\`\`
{explain}
\`\`\`
<!-- /measured -->"""
try:
    text = open(out).read()
    before, rest = text.split("<!-- measured -->", 1)
    after = rest.split("<!-- /measured -->", 1)[1]
except (FileNotFoundError, ValueError, IndexError):
    before, after = "# Search benchmark\n\n", "\n"
open(out, "w").write(before + measured + after)
print("results in", out)
PYEOF
