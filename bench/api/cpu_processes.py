"""CPU per request of API lists in one process, through Django's test client (no server, no wrk), and optionally
a cProfile of the requests. For judging a change of the API's queries on a busy machine: the CPU time of this
process changes little when other processes share the cores, unlike latencies.

    DATABASE_URL=sqlite:////tmp/api.sqlite3 .venv/bin/python bench/api/cpu_processes.py            # /api/v1/processes
    DATABASE_URL=... .venv/bin/python bench/api/cpu_processes.py /api/v1/processes?limit=200 /api/v1/plans
    PROFILE=1 DATABASE_URL=... .venv/bin/python bench/api/cpu_processes.py   # plus the top of a cProfile
    OUT=/tmp/before.json DATABASE_URL=... .venv/bin/python bench/api/cpu_processes.py  # keep the bodies to compare

The database must hold public processes, e.g. `manage.py migrate && manage.py createcachetable && manage.py
seed_demo --scale 12 --seed 1` (about 400 public processes, two minutes on SQLite). Per URL: WARMUP requests, then
ROUNDS rounds of REQUESTS requests (default 10 x 20); prints the app CPU (user + system of this process) per request
of the fastest round, the number of SQL queries and the size of the answer. The rate limit is switched off. The
lead's latency benchmark is bench/api/run.sh; this script never starts a server.
"""

import cProfile
import hashlib
import json
import os
import pstats
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtdialog.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "src"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

REQUESTS = int(os.environ.get("REQUESTS", 20))
ROUNDS = int(os.environ.get("ROUNDS", 10))
WARMUP = int(os.environ.get("WARMUP", 20))


def cpu() -> float:
    times = os.times()
    return times.user + times.system


def main(urls: list[str]) -> None:
    settings.API_RATE_LIMIT = 0
    settings.DEBUG = False  # no query log, as in production
    client = Client(HTTP_HOST="localhost")
    bodies = {}
    print(f"{'URL':<45} {'app CPU ms/req':>15} {'queries':>8} {'KB':>8}  sha256")
    for url in urls:
        for _ in range(WARMUP):
            client.get(url)
        captured: list[str] = []

        def count(execute, sql, params, many, context, captured=captured):
            captured.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        bodies[url] = response.content.decode()
        best = None
        for _ in range(ROUNDS):
            start = cpu()
            for _ in range(REQUESTS):
                client.get(url)
            per = (cpu() - start) * 1000 / REQUESTS
            best = per if best is None else min(best, per)
        digest = hashlib.sha256(response.content).hexdigest()[:12]
        print(f"{url:<45} {best:>15.2f} {len(captured):>8} {len(response.content) / 1024:>8.1f}  {digest}")
        if os.environ.get("PROFILE"):
            profile = cProfile.Profile(time.process_time)
            profile.enable()
            for _ in range(REQUESTS):
                client.get(url)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    if os.environ.get("OUT"):
        with open(os.environ["OUT"], "w") as out:
            json.dump(bodies, out, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:] or ["/api/v1/processes", "/api/v1/processes?limit=200"])
