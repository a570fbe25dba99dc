#!/usr/bin/env bash
# Benchmark of the process page and its contribution list at 2 000 contributions / 10 000 comments:
# PostgreSQL, gunicorn with 2 workers, DEBUG off, wrk with 8 connections on loopback.
# Writes bench/process_page/RESULTS.md. Same approach as bench/plan_list/run.sh.
#
#   bench/process_page/run.sh                       # 2 000 contributions, 10 000 comments, 15 s per URL
#   DURATION=5 bench/process_page/run.sh            # a quick run
#   CONTRIBUTIONS=200 COMMENTS=1000 bench/process_page/run.sh
#
# Needs: the project's .venv (make venv), PostgreSQL on $PG (trust auth), wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PY=$ROOT/.venv/bin/python
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8766}
DB_NAME=${DB_NAME:-stadtdialog_bench_process_page}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
OUT=${OUT:-$ROOT/bench/process_page/RESULTS.md}
export CONTRIBUTIONS=${CONTRIBUTIONS:-2000} COMMENTS=${COMMENTS:-10000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export DATABASE_URL="$PG/$DB_NAME" CONN_MAX_AGE=3600 DEBUG=0 SECRET_KEY=bench-only-secret ALLOWED_HOSTS=127.0.0.1 \
  STATIC_ROOT=$WORK/static STADTDIALOG_VAR_DIR=$WORK/var LOG_LEVEL=ERROR
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# Production settings, except for static files (see bench/plan_list/run.sh for why).
mkdir -p "$WORK/settings"
cat > "$WORK/settings/bench_settings.py" <<'PYEOF'
from stadtdialog.settings import *  # noqa: F401,F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
PYEOF
export PYTHONPATH="$WORK/settings${PYTHONPATH:+:$PYTHONPATH}" DJANGO_SETTINGS_MODULE=bench_settings

echo "== fresh database $DB_NAME"
$PY - "$PG" "$DB_NAME" <<'PYEOF'
import sys, psycopg
with psycopg.connect(f"{sys.argv[1]}/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF
$PY manage.py migrate --noinput -v0
echo "== generate $CONTRIBUTIONS contributions, $COMMENTS comments"
gen_start=$(date +%s)
read -r _ PROCESS BUSIEST BUSIEST_COMMENTS <<<"$($PY manage.py shell -v0 -c "exec(open('bench/process_page/generate.py').read())" | grep '^PROCESS')"
gen_seconds=$(( $(date +%s) - gen_start ))
$PY manage.py collectstatic --noinput -v0
$PY manage.py shell -v0 -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"

declare -a NAMES URLS
NAMES+=("process page (dialog box, counts by status)"); URLS+=("/beteiligung/$PROCESS/")
NAMES+=("contribution list, newest");                   URLS+=("/beteiligung/$PROCESS/beitraege/")
NAMES+=("contribution list, page 50");                  URLS+=("/beteiligung/$PROCESS/beitraege/?page=50")
NAMES+=("list, most supported");                        URLS+=("/beteiligung/$PROCESS/beitraege/?sort=supported")
NAMES+=("list, most commented");                        URLS+=("/beteiligung/$PROCESS/beitraege/?sort=commented")
NAMES+=("list, random order (seed 7), page 10");        URLS+=("/beteiligung/$PROCESS/beitraege/?sort=random&seed=7&page=10")
NAMES+=("list, ideas not yet answered");                URLS+=("/beteiligung/$PROCESS/beitraege/?kind=idea&answer=none")
NAMES+=("contribution with most comments ($BUSIEST_COMMENTS)"); URLS+=("/beitraege/$BUSIEST/")

echo "== gunicorn (2 workers) on 127.0.0.1:$PORT"
$ROOT/.venv/bin/gunicorn stadtdialog.wsgi:application --chdir "$ROOT/src" --workers 2 --bind 127.0.0.1:$PORT \
  --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" --pid "$WORK/gunicorn.pid" --daemon
trap 'kill "$(cat "$WORK/gunicorn.pid")" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT${URLS[0]}" && break; sleep 0.2; done

LOAD=$(cut -d" " -f1-3 /proc/loadavg)
ROWS=""
for i in "${!URLS[@]}"; do
  url="http://127.0.0.1:$PORT${URLS[$i]}"
  size=$(curl -fs "$url" | wc -c)
  # warm both workers (template compilation, connections) before measuring
  wrk -t2 -c"$CONNECTIONS" -d2s "$url" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency -s bench/plan_list/report.lua "$url" > "$WORK/wrk.txt" 2>&1 || true
  json=$(grep '^RESULT ' "$WORK/wrk.txt" | sed 's/^RESULT //')
  row=$($PY - "$json" "${NAMES[$i]}" "${URLS[$i]}" "$size" <<'PYEOF'
import json, sys
r = json.loads(sys.argv[1]); name, url, size = sys.argv[2:5]
ms = lambda us: f"{us / 1000:.1f}"
print(f"| {name} | `{url}` | {ms(r['p50'])} | {ms(r['p95'])} | {ms(r['p99'])} | {r['rps']:.0f} | {int(size) / 1024:.1f} | {r['errors'] + r['non2xx']} |")
PYEOF
)
  echo "$row"
  ROWS+="$row"$'\n'
done

cat > "$OUT" <<MD
# Process page benchmark

Produced by \`bench/process_page/run.sh\` (DURATION=${DURATION}s per URL, $CONNECTIONS connections) on
$(date -u +"%Y-%m-%d %H:%M UTC"), $(nproc) CPU cores (load average before the run: $LOAD), $(psql --version 2>/dev/null | head -n1 || echo PostgreSQL).

- Data: \`bench/process_page/generate.py\` → one process with **$CONTRIBUTIONS contributions and $COMMENTS comments**
  (a third of them replies), supports and answers on most contributions (generated in ${gen_seconds} s, bulk_create).
- Server: gunicorn, 2 sync workers, DEBUG=0, no page cache, PostgreSQL on the same machine.
- Load: \`wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s bench/plan_list/report.lua URL\` on loopback.
- Target (DESIGN.md): process page with its contribution list, p95 ≤ 80 ms.
- Queries per page are constant (tests/dialog/test_contributions_pages.py, 5 vs 50 contributions with comments).

| page | URL | median ms | p95 ms | p99 ms | req/s | HTML KB | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
$ROWS
MD
echo "== written $OUT"
