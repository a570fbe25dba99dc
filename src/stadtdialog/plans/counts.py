"""Counts of the public plan list and map, kept in Django's cache until the data behind them changes.

Counting the plans that match a filter is most of the database's work for a page of the list (the page
itself reads 20 rows by index). The count of a filter state is therefore kept in the cache under a version
that every save or delete of the data it depends on replaces: plans and their districts, quarters and fields
of action, processes and their phases, the organisation (units, districts, quarters, fields of action). The
key also holds today's date, because "participation running now" changes with the date.

With a shared cache (Redis, REDIS_URL) every process sees a new version at once. With the per-process
default cache (locmem) a change made in another process shows after at most COUNT_TIMEOUT seconds; the same
bound holds for writes that send no model signals (QuerySet.update, bulk_create).
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter

from .models import Plan

COUNT_TIMEOUT = 60  # seconds
_VERSION_KEY = "plans:list-data:version"


def data_version() -> str:
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(_VERSION_KEY)
    return version


def invalidate_counts(**kwargs) -> None:
    """A new version now, and again when the transaction commits (so that no request caches a count of the old
    data in between)."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(_VERSION_KEY, uuid.uuid4().hex, None))


def cached_count(queryset, criteria: dict, kind: str) -> int:
    """queryset.count(), kept for COUNT_TIMEOUT under the filter criteria (without the sort order), the kind of
    page ("list", "map"), today's date and the data version."""
    state = repr(sorted((key, value) for key, value in criteria.items() if key != "sort"))
    digest = hashlib.md5(state.encode(), usedforsecurity=False).hexdigest()
    key = f"plans:count:{data_version()}:{timezone.localdate().isoformat()}:{kind}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_TIMEOUT)
    return count


def _connect() -> None:
    # processes and their phases sit above plans: named lazily, not imported
    models = [
        Plan,
        OrgUnit,
        District,
        Quarter,
        FieldOfAction,
        "processes.Process",
        "processes.Phase",
        # processes.services replaces the phases of a process with bulk_create, which sends no post_save;
        # on a published process that change also records a new concept version
        "processes.ConceptVersion",
    ]
    for model in models:
        name = model if isinstance(model, str) else model._meta.label
        post_save.connect(invalidate_counts, sender=model, dispatch_uid=f"plans-counts-save-{name}")
        post_delete.connect(invalidate_counts, sender=model, dispatch_uid=f"plans-counts-delete-{name}")
    for field in (Plan.districts, Plan.quarters, Plan.fields_of_action):
        m2m_changed.connect(invalidate_counts, sender=field.through, dispatch_uid=f"plans-counts-{field.field.name}")


_connect()
