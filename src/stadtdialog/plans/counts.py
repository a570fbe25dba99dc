"""Counts of the public plan list and map, kept in Django's cache until the data behind them changes.

Counting the plans that match a filter is most of the database's work for a page of the list (the page
itself reads 20 rows by index). The count of a filter state is therefore kept in the cache under a version
that every save or delete of the data it depends on replaces: plans and their districts, quarters and fields
of action, the organisation (units, districts, quarters, fields of action), and processes and their phases
(the processes app connects those through watch()). The key also holds today's date, because "participation
running now" changes with the date.

The cache is shared by every process (Redis with REDIS_URL, else the database's cache table; see
settings.CACHES), so every process sees a new version at once. Writes that send no model signals
(QuerySet.update, bulk_create) show after at most COUNT_TIMEOUT seconds.
"""

import gzip
import hashlib
import time
import uuid
from collections import OrderedDict

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


def state_key(prefix: str, criteria: dict, kind: str, ignore=("sort",)) -> str:
    """The cache key of a filter state: the criteria (without those in `ignore`), the kind of page, today's date
    and the data version."""
    state = repr(sorted((key, value) for key, value in criteria.items() if key not in ignore))
    digest = hashlib.md5(state.encode(), usedforsecurity=False).hexdigest()
    return f"plans:{prefix}:{data_version()}:{timezone.localdate().isoformat()}:{kind}:{digest}"


def cached_count(queryset, criteria: dict, kind: str) -> int:
    """queryset.count(), kept for COUNT_TIMEOUT under the filter criteria (without the sort order), the kind of
    page ("list", "map"), today's date and the data version."""
    key = state_key("count", criteria, kind)
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_TIMEOUT)
    return count


class _Recent:
    """The last few response bodies of this process, under their full cache key (which holds the data version and
    the date, so a changed plan never finds an old body) and for at most COUNT_TIMEOUT seconds."""

    def __init__(self, size: int = 16) -> None:
        self.size, self.entries = size, OrderedDict()

    def get(self, key: str):
        entry = self.entries.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        self.entries.move_to_end(key)
        return entry[1]

    def put(self, key: str, value) -> None:
        self.entries[key] = (time.monotonic() + COUNT_TIMEOUT, value)
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


_recent_bodies = _Recent()


class Body:
    """A response body kept compressed (gzip), written out plain once when a client does not take gzip."""

    def __init__(self, compressed: bytes) -> None:
        self.compressed, self._plain = compressed, None

    @property
    def plain(self) -> bytes:
        if self._plain is None:
            self._plain = gzip.decompress(self.compressed)
        return self._plain


def cached_body(criteria: dict, kind: str, build) -> Body:
    """The body made by build() for a filter state (with the sort order: it decides which plans a capped response
    holds), under the same version and date as the counts: in this process's memory, else gzip-compressed in the
    shared cache for COUNT_TIMEOUT, else built. The map data (views.plan_map_data) is the same for every visitor,
    so a filter state is built about once a minute at most, and a warm worker reads only the data version."""
    key = state_key("body", criteria, kind, ignore=())
    body = _recent_bodies.get(key)
    if body is None:
        compressed = cache.get(key)
        if compressed is None:
            compressed = gzip.compress(build(), compresslevel=6, mtime=0)
            cache.set(key, compressed, COUNT_TIMEOUT)
        body = Body(compressed)
        _recent_bodies.put(key, body)
    return body


def watch(model) -> None:
    """Invalidate the counts on every save and delete of `model`. plans watches its own data and the
    organisation; an app above whose data the list filters on (processes: Process, Phase, ConceptVersion)
    calls this in its AppConfig.ready()."""
    name = model._meta.label
    post_save.connect(invalidate_counts, sender=model, dispatch_uid=f"plans-counts-save-{name}")
    post_delete.connect(invalidate_counts, sender=model, dispatch_uid=f"plans-counts-delete-{name}")


def _connect() -> None:
    for model in (Plan, OrgUnit, District, Quarter, FieldOfAction):
        watch(model)
    for field in (Plan.districts, Plan.quarters, Plan.fields_of_action):
        m2m_changed.connect(invalidate_counts, sender=field.through, dispatch_uid=f"plans-counts-{field.field.name}")


_connect()
