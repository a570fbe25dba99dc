"""The cache is shared between processes: the login lock after wrong passwords set by one process holds in
another. Without REDIS_URL the settings use the database's cache table (made by `manage.py createcachetable`);
with REDIS_URL, Redis. Both are shown with separate processes (manage.py subprocesses on the real settings).

The rest of the suite keeps a per-process memory cache (settings_test.py), so that its query-count assertions
count a page's own queries; here the plan list is measured on the database cache: a cache read is one more
query, and the number stays the same as the data grows.
"""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.accounts import throttle
from tests.core.test_deploy_settings import PROJECT
from tests.plans.test_public_list import make_rich_plans

EMAIL = "Erika.Mustermann@example.org"
LOCK = (
    "from stadtdialog.accounts import throttle\n"
    "for _ in range(throttle.MAX_FAILURES): throttle.record_failure({email!r})\n"
    "print('locked' if throttle.is_locked({email!r}) else 'open')"
)
READ = "from stadtdialog.accounts import throttle; print('locked' if throttle.is_locked({email!r}) else 'open')"
WHICH = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


def environment(tmp_path, **extra) -> dict:
    """A development installation in its own folder (SQLite file), with nothing of the test run."""
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "stadtdialog.settings",
        "STADTDIALOG_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        **extra,
    }


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def test_without_redis_two_processes_share_the_login_lock_through_the_database(tmp_path):
    env = environment(tmp_path)
    assert manage(env, "shell", "--no-imports", "-c", WHICH) == "django.core.cache.backends.db.DatabaseCache"
    manage(env, "createcachetable")  # what `make migrate` runs after migrate
    # One process sees ten wrong passwords for the address and locks it ...
    assert manage(env, "shell", "--no-imports", "-c", LOCK.format(email=EMAIL)) == "locked"
    # ... and another one, started afterwards, finds the lock (the address written differently).
    assert manage(env, "shell", "--no-imports", "-c", READ.format(email=" erika.mustermann@EXAMPLE.org")) == "locked"
    assert manage(env, "shell", "--no-imports", "-c", READ.format(email="someone.else@example.org")) == "open"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# .ci/run installs redis-server, so in CI this test always runs; elsewhere it needs the binary.
@pytest.mark.skipif(
    shutil.which("redis-server") is None and not os.environ.get("CI"),
    reason="no redis-server binary on this machine (apt-get install redis-server; .ci/run installs it)",
)
def test_with_redis_two_processes_share_the_login_lock(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        env = environment(tmp_path, REDIS_URL=f"redis://127.0.0.1:{port}/0")
        assert manage(env, "shell", "--no-imports", "-c", WHICH) == "django.core.cache.backends.redis.RedisCache"
        assert manage(env, "shell", "--no-imports", "-c", LOCK.format(email=EMAIL)) == "locked"
        assert manage(env, "shell", "--no-imports", "-c", READ.format(email=EMAIL)) == "locked"
    finally:
        server.terminate()
        server.wait(timeout=10)


DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "stadtdialog_cache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}


@pytest.fixture
def database_cache(settings):
    """The production default: the cache table in the test database (made here: the suite's own cache is the
    memory cache, so creating the test database made no cache table)."""
    settings.CACHES = DATABASE_CACHE
    call_command("createcachetable")
    cache.clear()
    return cache


@pytest.mark.django_db
def test_the_login_view_locks_on_the_database_cache(client, database_cache):
    from tests.factories import PASSWORD, UserFactory

    user = UserFactory(email=EMAIL.lower())
    for _ in range(throttle.MAX_FAILURES):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "falsch-falsch"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM stadtdialog_cache WHERE cache_key LIKE '%login-failures:%'")
        assert cursor.fetchone()[0] == 1
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200  # the form again, not the redirect of a login
    assert "_auth_user_id" not in client.session


def plan_list_queries(client, params) -> list[str]:
    client.get(reverse("plans:list"), params)  # fills the cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("plans:list"), params).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"district": "mitte", "q": "Spielplatz"}])
def test_the_plan_list_on_the_database_cache_reads_it_in_a_fixed_number_of_queries(client, database_cache, params):
    """Measured: with the memory cache a warm page needs 2 queries; on the database cache 7: the same 2 and
    one read each for the city with the footer's pages (one get_many, issue 19), the filter choices, the data
    version, the count and the cached filter form."""
    make_rich_plans(3)
    small = plan_list_queries(client, params)
    cache_reads = [sql for sql in small if "stadtdialog_cache" in sql]
    assert len(cache_reads) == 5
    # a search on PostgreSQL asks first whether any plan has the words, and when none has, for similar words (the
    # forgiving search, core/textsearch.py): at most two more, however many plans there are
    searching = bool(params) and connection.vendor == "postgresql"
    assert len(small) - len(cache_reads) <= (4 if searching else 2)
    make_rich_plans(12)
    assert len(plan_list_queries(client, params)) == len(small)
