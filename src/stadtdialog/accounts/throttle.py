"""Wrong passwords, counted in the cache: per e-mail address, per tried password and for the whole site.
No IP addresses are kept; addresses and passwords only as keyed hashes, for at most 15 minutes.

- Per address: after MAX_FAILURES wrong passwords within WINDOW seconds of the first, the address cannot
  log in until the window ends, not even with the right password; a new password by e-mail lifts the lock.
  This bounds guessing against one account to 10 tries in 15 minutes.
- Per password ("password spraying": one common password tried against many accounts): when one password
  was wrong for SPRAY_ACCOUNTS different addresses within SPRAY_WINDOW, it is refused for every account
  until the window ends, right or wrong (so the refusal tells nothing). The password is kept only as an
  HMAC with SECRET_KEY, which nobody can reverse without the key.
- Whole site: when more than settings.LOGIN_SITE_MAX_FAILURES wrong passwords (any address) arrive within
  one minute, logging in with a password pauses for everyone until the minute ends. This caps what an
  attacker with many addresses and many passwords can try, at the price that they can pause the login for
  all (single sign-on of staff and the e-mail link for a new password keep working). 0 switches it off.

The cache is shared by every process (Redis with REDIS_URL, else the database's cache table; see
settings.CACHES), so the counts hold across all app servers. Reading and writing a count are two steps:
under load a few more tries than the limit can get through, never fewer.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

MAX_FAILURES = 10
WINDOW = 15 * 60  # seconds
SPRAY_ACCOUNTS = 5
SPRAY_WINDOW = 15 * 60  # seconds
SITE_WINDOW = 60  # seconds


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def _key(email: str) -> str:
    return "login-failures:" + _address_hash(email)


def _password_key(password: str) -> str:
    return "login-spray:" + salted_hmac("stadtdialog.accounts.throttle.password", password).hexdigest()


def _site_key() -> str:
    return f"login-failures-site:{int(time.time() // SITE_WINDOW)}"


def is_locked(email: str) -> bool:
    return (cache.get(_key(email)) or 0) >= MAX_FAILURES


def is_sprayed(password: str) -> bool:
    """Was this password wrong for SPRAY_ACCOUNTS different addresses in the last SPRAY_WINDOW seconds?"""
    _started, addresses = cache.get(_password_key(password)) or (0, ())
    return len(addresses) >= SPRAY_ACCOUNTS


def is_site_busy() -> bool:
    """Were there more wrong passwords on the whole site in this minute than LOGIN_SITE_MAX_FAILURES?"""
    limit = settings.LOGIN_SITE_MAX_FAILURES
    return bool(limit) and (cache.get(_site_key()) or 0) >= limit


def _increment(key: str, timeout: int) -> None:
    cache.add(key, 0, timeout)  # the window starts with the first failure and is not extended
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)


def record_failure(email: str, password: str = "") -> None:
    _increment(_key(email), WINDOW)
    _increment(_site_key(), 2 * SITE_WINDOW)
    if password:
        key, tag = _password_key(password), _address_hash(email)[:16]
        started, addresses = cache.get(key) or (time.time(), ())
        if tag not in addresses and len(addresses) < SPRAY_ACCOUNTS:
            remaining = int(started + SPRAY_WINDOW - time.time())
            if remaining > 0:
                cache.set(key, (started, (*addresses, tag)), remaining)


def reset(email: str) -> None:
    cache.delete(_key(email))
