"""Wrong passwords per e-mail address, counted in the cache (no IP addresses, only a hash of the address).

After MAX_FAILURES wrong passwords within WINDOW seconds of the first, the address cannot log in until
the window ends, not even with the right password; a new password by e-mail lifts the lock. This
bounds password guessing against one account to 10 tries in 15 minutes. The cache is shared by every
process (Redis with REDIS_URL, else the database's cache table; see settings.CACHES), so the count holds
across all app servers.
"""

import hashlib

from django.core.cache import cache

MAX_FAILURES = 10
WINDOW = 15 * 60  # seconds


def _key(email: str) -> str:
    return "login-failures:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def is_locked(email: str) -> bool:
    return (cache.get(_key(email)) or 0) >= MAX_FAILURES


def record_failure(email: str) -> None:
    key = _key(email)
    cache.add(key, 0, WINDOW)  # the window starts with the first failure and is not extended
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)


def reset(email: str) -> None:
    cache.delete(_key(email))
