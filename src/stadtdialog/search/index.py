"""Keeping the search index (SearchEntry) true: what of each app is public, and the receivers that follow changes.

The apps below do not import search: search reads their models. Each *source* names a kind, its model, the public
rows (published, not hidden by moderation, of a published process and plan) and how a row becomes an entry
(plain text, no personal data). A save or deletion of a plan, process, contribution, report, event or page
re-indexes that object and what depends on its publication (a plan: its processes, their contributions and
reports), after the transaction commits. `rebuild()` (command `rebuild_search_index`, and migration 0001) fills the
whole index, e.g. after bulk loads that send no signals (`seed_demo --scale`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.html import strip_tags

from stadtdialog.core.models import Page
from stadtdialog.core.sanitize import html_to_text
from stadtdialog.core.text import truncate_chars
from stadtdialog.dialog.models import Contribution
from stadtdialog.events.models import Event
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process
from stadtdialog.reports.models import Report

from .models import SearchEntry

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from django.db.models import Model, QuerySet

Kind = SearchEntry.Kind
SUMMARY_LENGTH = 240
BATCH = 2000
VERSION_KEY = "search:index-version"


def _plain(html: str | None) -> str:
    return " ".join(strip_tags(html or "").split())


@dataclass(frozen=True)
class Source:
    kind: str
    model: type[Model]
    public: Callable[[], QuerySet]
    entry: Callable[[Model], SearchEntry]


def _plan_entry(plan: Plan) -> SearchEntry:
    return SearchEntry(
        kind=Kind.PLAN,
        object_id=plan.pk,
        title=plan.title,
        summary=truncate_chars(_plain(plan.summary), SUMMARY_LENGTH),
        body=plan.search_text,
        url=reverse("plans:detail", args=[plan.pk]),
        published_at=plan.published_at,
    )


def _process_entry(process: Process) -> SearchEntry:
    concept = getattr(process, "concept", None)
    # the concept's long texts are HTML: html_to_text keeps a space between paragraphs (strip_tags would join words)
    subject = _plain(html_to_text(concept.subject)) if concept else ""
    return SearchEntry(
        kind=Kind.PROCESS,
        object_id=process.pk,
        title=process.title,
        summary=truncate_chars(subject or process.plan.title, SUMMARY_LENGTH),
        body=f"{process.plan.title}\n{subject}\n{_plain(html_to_text(concept.scope_open)) if concept else ''}",
        url=reverse("processes:detail", args=[process.pk]),
        published_at=process.published_at,
    )


def _contribution_entry(contribution: Contribution) -> SearchEntry:
    return SearchEntry(
        kind=Kind.CONTRIBUTION,
        object_id=contribution.pk,
        title=contribution.title,
        summary=truncate_chars(_plain(contribution.text), SUMMARY_LENGTH),
        body=_plain(contribution.text),
        url=reverse("dialog:contribution", args=[contribution.pk]),
        published_at=contribution.created_at,
    )


def _report_entry(report: Report) -> SearchEntry:
    text = _plain(report.text)
    return SearchEntry(
        kind=Kind.REPORT,
        object_id=report.pk,
        title=report.title,
        summary=truncate_chars(text, SUMMARY_LENGTH),
        body=text,
        url=reverse("reports:report", args=[report.pk]),
        published_at=report.published_at,
    )


def _event_entry(event: Event) -> SearchEntry:
    text = _plain(event.description)
    return SearchEntry(
        kind=Kind.EVENT,
        object_id=event.pk,
        title=event.title,
        summary=truncate_chars(text, SUMMARY_LENGTH),
        body=f"{text}\n{event.place_name}",
        url=event.get_absolute_url(),
        published_at=event.published_at,
    )


def _page_entry(page: Page) -> SearchEntry:
    text = _plain(page.body)
    return SearchEntry(
        kind=Kind.PAGE,
        object_id=page.pk,
        title=page.title,
        summary=truncate_chars(text, SUMMARY_LENGTH),
        body=text,
        url=page.get_absolute_url(),
        published_at=page.updated_at,
    )


def _public_processes() -> QuerySet[Process]:
    return Process.objects.filter(published_at__isnull=False, plan__published_at__isnull=False)


SOURCES = (
    Source(Kind.PLAN, Plan, lambda: Plan.objects.published(), _plan_entry),
    Source(Kind.PROCESS, Process, lambda: _public_processes().select_related("plan", "concept"), _process_entry),
    Source(
        Kind.CONTRIBUTION,
        Contribution,
        lambda: Contribution.objects.filter(
            hidden_at__isnull=True, process__published_at__isnull=False, process__plan__published_at__isnull=False
        ).only("id", "title", "text", "created_at"),
        _contribution_entry,
    ),
    Source(
        Kind.REPORT,
        Report,
        lambda: Report.objects.filter(
            published_at__isnull=False, process__published_at__isnull=False, process__plan__published_at__isnull=False
        ),
        _report_entry,
    ),
    Source(Kind.EVENT, Event, lambda: Event.objects.published(), _event_entry),
    Source(Kind.PAGE, Page, lambda: Page.objects.all(), _page_entry),
)
BY_KIND = {source.kind: source for source in SOURCES}
BY_MODEL = {source.model: source for source in SOURCES}


def version() -> int:
    """The index's version: part of the cache keys of the search's counts, raised by every change."""
    return cache.get_or_set(VERSION_KEY, 1)


def _changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2)


def reindex(kind: str, ids: Iterable[int]) -> None:
    """The entries of these objects of a kind again: those that are public now (written as an upsert, so that two
    transactions re-indexing the same object at once both succeed, the later one winning), none for the others."""
    ids = list(ids)
    if not ids:
        return
    source = BY_KIND[kind]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            entries = [source.entry(row) for row in source.public().filter(pk__in=chunk)]
            # the entries of objects no longer public, found here rather than by the database: `IN (chunk) AND NOT
            # IN (shown)` with 2 000 parameters each ran from a generic plan after five chunks and took 6 s a chunk
            stale = sorted(set(chunk) - {entry.object_id for entry in entries})
            if stale:
                SearchEntry.objects.filter(kind=kind, object_id__in=stale).delete()
            SearchEntry.objects.bulk_create(
                entries,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=["title", "summary", "body", "url", "published_at"],
            )
    _changed()


def rebuild(kinds: Iterable[str] | None = None, *, bump: bool = True) -> dict[str, int]:
    """The whole index (or that of some kinds) from the public rows; returns the number of entries per kind. With
    `bump`, the index's version is raised, so that cached counts are asked again."""
    counts = {}
    with transaction.atomic():
        for source in SOURCES:
            if kinds and source.kind not in kinds:
                continue
            SearchEntry.objects.filter(kind=source.kind).delete()
            batch, total = [], 0
            for row in source.public().order_by("pk").iterator(chunk_size=BATCH):
                batch.append(source.entry(row))
                if len(batch) >= BATCH:
                    SearchEntry.objects.bulk_create(batch, batch_size=500)
                    total += len(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch, batch_size=500)
            counts[source.kind] = total + len(batch)
    if bump:
        _changed()
    return counts


def fill_if_empty(sender, using="default", **kwargs) -> None:
    """post_migrate: an empty index (a new database, or one migrated to the search) is filled from the public
    rows, with the models of the code as it is (after all migrations)."""
    if SearchEntry._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back before the search, or only some apps migrated
    if not SearchEntry.objects.using(using).exists():
        # no version to raise: nothing of the search was cached before its index existed, and the database cache's
        # table may not exist yet (`make migrate` creates it after the migrations: a fresh `make run` failed here)
        rebuild(bump=False)


def _dependants(instance: Model) -> list[tuple[str, list[int]]]:
    """What to index again when `instance` changes: itself and what its publication decides."""
    if isinstance(instance, Plan):
        process_ids = list(Process.objects.filter(plan_id=instance.pk).values_list("pk", flat=True))
        return [(Kind.PLAN, [instance.pk]), *_process_dependants(process_ids)]
    if isinstance(instance, Process):
        return _process_dependants([instance.pk])
    return [(BY_MODEL[type(instance)].kind, [instance.pk])]


def _process_dependants(process_ids: list[int]) -> list[tuple[str, list[int]]]:
    if not process_ids:
        return []
    return [
        (Kind.PROCESS, process_ids),
        (Kind.CONTRIBUTION, list(Contribution.objects.filter(process_id__in=process_ids).values_list("pk", flat=True))),
        (Kind.REPORT, list(Report.objects.filter(process_id__in=process_ids).values_list("pk", flat=True))),
    ]


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # fixtures
        return
    # robust: a failure of the index is logged and never undoes or breaks the change itself
    transaction.on_commit(lambda: _reindex_dependants(instance), robust=True)


def _on_delete(sender, instance, **kwargs) -> None:
    kind, pk = BY_MODEL[sender].kind, instance.pk
    transaction.on_commit(lambda: reindex(kind, [pk]), robust=True)


def _reindex_dependants(instance: Model) -> None:
    for kind, ids in _dependants(instance):
        reindex(kind, ids)


def connect_receivers() -> None:
    for source in SOURCES:
        uid = f"search.{source.kind}"
        post_save.connect(_on_save, sender=source.model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(_on_delete, sender=source.model, dispatch_uid=f"{uid}.deleted")
