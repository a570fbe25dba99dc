"""The data of the public plan page, kept in the shared cache per plan until something it shows changes (issue 19).

The plan page shows the plan with its departments, districts, quarters, fields of action, council papers with
their consultations and attachments, and through the sections of the apps above its published processes (phases,
contacts, concept) and their overdue milestones. None of it depends on the visitor. The page's data is therefore
read once and kept, as the plan instance with everything attached, under the plan's key and today's date, together
with the *page version* it was read under. One cache query (``get_many`` of the version and the entry) answers a
warm page; an entry read under another version is read afresh.

The version changes on every save or delete of the models the page shows: plans watches its own (Plan, its
districts, quarters, fields and council papers, CouncilPaper, Attachment, the organisation); an app above whose
data the page shows calls ``watch(model)`` in its AppConfig.ready() (processes: Process, Phase, Concept, the
contacts; outcomes: Milestone, CouncilPaperConsultation) and attaches its data with ``attach(loader)``, so that it is
read in the same go and kept with the plan. Writes that send no model signals (QuerySet.update, bulk_create) show
after at most PAGE_TIMEOUT seconds, as with the list's counts (counts.py).
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter

from .models import Attachment, CouncilPaper, Plan

PAGE_TIMEOUT = 60  # seconds
_VERSION_KEY = "plans:page-data:version"
_LOADERS: list[Callable[[Plan], None]] = []


def attach(loader: Callable[[Plan], None]) -> None:
    """Register a function that reads what an app above shows on the plan page and keeps it on the plan instance
    (e.g. ``plan.published_processes``); it is called once when the page's data is read, and what it sets is kept
    in the cache with the plan."""
    if loader not in _LOADERS:
        _LOADERS.append(loader)


def invalidate_pages(**kwargs) -> None:
    """A new page version now, and again when the transaction commits (so that no request keeps the data of the old
    version in between). A login (a save of the account's last_login alone) changes nothing the page shows."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(_VERSION_KEY, uuid.uuid4().hex, None))


def watch(model) -> None:
    """Make every save and delete of `model` replace the page version."""
    name = model._meta.label
    post_save.connect(invalidate_pages, sender=model, dispatch_uid=f"plans-page-save-{name}")
    post_delete.connect(invalidate_pages, sender=model, dispatch_uid=f"plans-page-delete-{name}")


def cached_plan(pk: int, build: Callable[[int], Plan]) -> Plan:
    """The plan of the page with everything attached: from the cache when it was kept under the current page
    version (one cache query for both), else read by build(pk) and the loaders and kept for PAGE_TIMEOUT.
    build raises Http404 for a plan that does not exist (nothing is kept then)."""

    def read() -> Plan:
        plan = build(pk)
        for loader in _LOADERS:
            loader(plan)
        return plan

    return cached(f"plans:page-data:{pk}", read)


def cached(key: str, build: Callable[[], Any]) -> Any:
    """What build() returns, kept under `key` and today's date together with the page version it was read under:
    one cache query for the version and the entry; read afresh when the version changed. Also for the pages of
    the apps above whose data this version follows (the process page's frame: processes.queries)."""
    key = f"{key}:{timezone.localdate().isoformat()}"
    found = cache.get_many([_VERSION_KEY, key])
    version = found.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(_VERSION_KEY)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = build()
    cache.set(key, (version, value), PAGE_TIMEOUT)
    return value


def _connect() -> None:
    for model in (Plan, CouncilPaper, Attachment, OrgUnit, District, Quarter, FieldOfAction):
        watch(model)
    for field in (Plan.districts, Plan.quarters, Plan.fields_of_action, Plan.council_papers):
        m2m_changed.connect(invalidate_pages, sender=field.through, dispatch_uid=f"plans-page-{field.field.name}")


_connect()
