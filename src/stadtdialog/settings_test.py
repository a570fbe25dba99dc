"""Settings for the test suite: the real settings with fast password hashing and tasks run in place.

Tests of the queue itself switch TASKS back to the database backend with `settings` overrides.
"""

from .settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The suite keeps a cache in each process's memory: no query per cache read, so the query-count assertions
# count the page's own queries, and tests without database access may clear it (tests/conftest.py). The
# database cache of production (and Redis) is tested in tests/core/test_shared_cache.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
