"""The cached figures of the report and when they go stale.

Figures are computed once per scope (year and filters) and kept in the shared cache under the *data version*:
a number in the cache that every save or delete of a model a section watches (`registry.watched_models`)
and every deleted account raises, so that the next request computes afresh. Writes that bypass the signals
(`QuerySet.update`) are caught by the time limit `FIGURES_SECONDS`.
"""

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from . import registry

VERSION_KEY = "reporting:data-version"
FIGURES_SECONDS = 15 * 60


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def figures_stale(**kwargs) -> None:
    """Signal receiver: the data changed; cached figures of every scope are stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or evicted): any new number makes the old keys unreachable
        cache.set(VERSION_KEY, data_version() + 1, None)


def watch() -> None:
    """Connect the receivers to every watched model and to deleted accounts (called by ReportingConfig.ready);
    saves of an account (a login) change no figure."""
    for name in sorted(registry.watched_models()):
        model = apps.get_model(name)
        post_save.connect(figures_stale, sender=model, dispatch_uid=f"reporting-save-{name}")
        post_delete.connect(figures_stale, sender=model, dispatch_uid=f"reporting-delete-{name}")
    post_delete.connect(figures_stale, sender=apps.get_model("accounts.User"), dispatch_uid="reporting-delete-user")


def cached(key: str, compute):
    """The value under the current data version, computed once."""
    full_key = f"reporting:{data_version()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, FIGURES_SECONDS)
    return value
