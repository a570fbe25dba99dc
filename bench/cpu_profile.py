"""CPU per request of pages, measured in one process through Django's WSGI handler (run by bench/cpu.sh).

For each URL: warm up, then ROUNDS rounds of REQUESTS requests; prints the app CPU (this process's user +
system time) and the database CPU (the PostgreSQL backend serving this process, from /proc) per request of
the fastest round, the number of SQL queries and the size of the HTML. Unlike latencies under wrk, these
figures change little when other processes share the machine, so they show what a code change gains.

    bench/cpu.sh plan_list /vorhaben/ '/vorhaben/?q=Spielplatz'
    PROFILE=1 bench/cpu.sh process_page /beteiligung/1/      # cProfile (CPU time) of the measured requests
    INSTRUCTIONS=1 bench/cpu.sh plan_list /vorhaben/          # instructions per request under valgrind (repeatable)
    EXPLAIN=1 bench/cpu.sh plan_list '/vorhaben/?year=2027'   # EXPLAIN ANALYZE of every query of the page
    SAVE_HTML=/tmp/pages bench/cpu.sh plan_list /vorhaben/   # keep each page's HTML (to compare before and after)
    SQL=1 bench/cpu.sh plan_list /vorhaben/1/                 # the SQL of every query of the page
"""

import cProfile
import gc
import io
import os
import pstats
import sys
import time
import urllib.parse

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
REQUESTS = int(os.environ.get("REQUESTS", 100))
ROUNDS = int(os.environ.get("ROUNDS", 5))
WARMUP = int(os.environ.get("WARMUP", 20))


def process_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def environ(url: str) -> dict:
    parts = urllib.parse.urlsplit(url)
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def get(app, url: str) -> tuple[str, bytes]:
    status = []
    body = b"".join(app(environ(url), lambda s, headers, exc_info=None: status.append(s)))
    return status[0], body


def measure(app, url: str, profile: cProfile.Profile | None) -> dict:
    status, body = get(app, url)
    if os.environ.get("SAVE_HTML"):
        os.makedirs(os.environ["SAVE_HTML"], exist_ok=True)
        name = urllib.parse.quote(url, safe="") + ".html"
        with open(os.path.join(os.environ["SAVE_HTML"], name), "wb") as out:
            out.write(body)
    for _ in range(WARMUP):
        get(app, url)
    queries = []

    def record(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        get(app, url)
    if os.environ.get("EXPLAIN"):
        explain(url, queries)
    elif os.environ.get("SQL"):
        print(f"== {url}: {len(queries)} queries")
        for sql, _params in queries:
            print("  ", sql[:400], _params if "cache" in sql else "")
    db = backend_pid()
    best = None
    for _ in range(ROUNDS):
        app_start, db_start = time.process_time(), process_cpu(db)
        if profile:
            profile.enable()
        for _ in range(REQUESTS):
            get(app, url)
        if profile:
            profile.disable()
        app_ms = (time.process_time() - app_start) * 1000 / REQUESTS
        db_ms = (process_cpu(db) - db_start) * 1000 / REQUESTS
        if best is None or app_ms + db_ms < best[0] + best[1]:
            best = (app_ms, db_ms)
    return {"status": status, "bytes": len(body), "queries": len(queries), "app": best[0], "db": best[1]}


def explain(url: str, queries: list) -> None:
    print(f"== {url}: {len(queries)} queries")
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            print(sql[:2000], "\n", "\n".join(row[0] for row in cursor.fetchall()), "\n", flush=True)


def main(urls: list[str]) -> None:
    app = WSGIHandler()
    if os.environ.get("FREEZE", "1") == "1":  # as gunicorn.conf.py does after loading the app
        get(app, urls[0])
        gc.collect()
        gc.freeze()
    if os.environ.get("UNDER_VALGRIND"):  # bench/cpu.sh with INSTRUCTIONS=1: count the REQUESTS requests only
        import ctypes

        toggle = ctypes.CDLL(os.environ["UNDER_VALGRIND"]).toggle
        for _ in range(WARMUP):
            get(app, urls[0])
        toggle()
        for _ in range(REQUESTS):
            get(app, urls[0])
        toggle()
        return
    profile = cProfile.Profile(time.process_time) if os.environ.get("PROFILE") else None
    print(f"{'URL':70} {'status':>6} {'queries':>7} {'KB':>6} {'app ms':>7} {'DB ms':>6} {'sum':>6}")
    for url in urls:
        r = measure(app, url, profile)
        print(
            f"{url:70} {r['status'][:3]:>6} {r['queries']:>7} {r['bytes'] / 1024:6.1f} {r['app']:7.2f} {r['db']:6.2f} "
            f"{r['app'] + r['db']:6.2f}",
            flush=True,
        )
    if profile:
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("tottime").print_stats(int(os.environ.get("PROFILE_LINES", 40)))
        stats.sort_stats("cumulative").print_stats(int(os.environ.get("PROFILE_LINES", 40)))
        print(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1:])
