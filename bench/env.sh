# Shared set-up of the page benchmarks (sourced by bench/plan_list/run.sh, bench/process_page/run.sh and
# bench/cpu.sh): production settings against a PostgreSQL benchmark database, gunicorn as in production.
#
# Before sourcing, set DB_NAME. Reads PG (postgres://postgres@127.0.0.1:5432). Sets ROOT, PY, WORK (a
# temporary folder removed on exit) and the environment of the production settings with DEBUG off.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
PY=$ROOT/.venv/bin/python
PG=${PG:-postgres://postgres@127.0.0.1:5432}
WORK=$(mktemp -d)
trap 'bench_cleanup' EXIT
[ -x "$PY" ] || { echo "the project's .venv is missing: make venv" >&2; exit 1; }

bench_cleanup() {
  if [ -f "$WORK/gunicorn.pid" ]; then kill "$(cat "$WORK/gunicorn.pid")" 2>/dev/null || true; fi
  rm -rf "$WORK" 2>/dev/null || { sleep 1; rm -rf "$WORK"; }  # a gunicorn just killed may still write its log
}

# A random key per run: the production settings refuse short or well-known keys when DEBUG is off.
SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DATABASE_URL="$PG/$DB_NAME" CONN_MAX_AGE=${CONN_MAX_AGE:-3600} DEBUG=0 SECRET_KEY ALLOWED_HOSTS=127.0.0.1 \
  STATIC_ROOT=$WORK/static STADTDIALOG_VAR_DIR=$WORK/var LOG_LEVEL=ERROR
# The demo data sends confirmation mails (concerns, registrations): keep them in memory, there is no SMTP server.
export EMAIL_BACKEND=${EMAIL_BACKEND:-django.core.mail.backends.locmem.EmailBackend}

# The production settings, except for two things the benchmark cannot use: the manifest storage (the
# vendored leaflet.js names a source map that is not vendored, which the manifest storage rejects; the
# pages measured do not depend on the storage class) and the redirect to https (wrk speaks plain http).
mkdir -p "$WORK/settings"
cat > "$WORK/settings/bench_settings.py" <<'PYEOF'
from stadtdialog.settings import *  # noqa: F401,F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
PYEOF
export PYTHONPATH="$WORK/settings${PYTHONPATH:+:$PYTHONPATH}" DJANGO_SETTINGS_MODULE=bench_settings

bench_fresh_database() {
  echo "== fresh database $DB_NAME"
  "$PY" - "$PG" "$DB_NAME" <<'PYEOF'
import sys, psycopg
with psycopg.connect(f"{sys.argv[1]}/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF
}

bench_database_exists() {
  "$PY" - "$PG" "$DB_NAME" <<'PYEOF'
import sys, psycopg
with psycopg.connect(f"{sys.argv[1]}/postgres") as conn:
    sys.exit(0 if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[2]]).fetchone() else 1)
PYEOF
}

# The benchmark database: with REUSE_DB=1 and the database there, migrate it; otherwise a fresh one, migrated, and
# the command given loads the data. Sets DATA_NOTE (how the data came about).
bench_database() {
  if [ "${REUSE_DB:-0}" = 1 ] && bench_database_exists; then
    echo "== reusing database $DB_NAME"
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py createcachetable
    DATA_NOTE="reused from an earlier run of this script"
  else
    if [ "${REUSE_DB:-0}" = 1 ]; then echo "== no database $DB_NAME to reuse: loading it"; fi
    bench_fresh_database
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py createcachetable
    local start
    start=$(date +%s)
    "$@"
    DATA_NOTE="loaded in $(( $(date +%s) - start )) s"
  fi
}

bench_vacuum() {
  "$PY" manage.py shell -v0 -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
}

# gunicorn as in production: gunicorn.conf.py of the repository (2 workers unless WEB_CONCURRENCY says otherwise).
bench_start_gunicorn() {
  local port=$1 probe=$2
  echo "== gunicorn (2 workers, gunicorn.conf.py) on 127.0.0.1:$port"
  "$ROOT/.venv/bin/gunicorn" stadtdialog.wsgi:application --config "$ROOT/gunicorn.conf.py" --chdir "$ROOT/src" \
    --workers 2 --bind "127.0.0.1:$port" --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" \
    --pid "$WORK/gunicorn.pid" --daemon
  for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$port$probe" && return 0; sleep 0.2; done
  echo "gunicorn did not answer $probe; its log:" >&2
  cat "$WORK/gunicorn.log" >&2
  exit 1
}

# Write a measured block into a results file: replaces what stands between "<!-- measured -->" and
# "<!-- /measured -->" and keeps the rest (notes written by hand), or writes a new file.
bench_write_results() {
  local block=$1 out=$2
  "$PY" - "$block" "$out" <<'PYEOF'
import pathlib, sys
block = pathlib.Path(sys.argv[1]).read_text().rstrip("\n")
out = pathlib.Path(sys.argv[2])
start, end = "<!-- measured -->", "<!-- /measured -->"
text = out.read_text() if out.exists() else ""
if start in text and end in text:
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    text = f"{head}{start}\n{block}\n{end}{tail}"
else:
    text = f"{start}\n{block}\n{end}\n"
out.write_text(text)
PYEOF
  echo "== results written to $out"
}
