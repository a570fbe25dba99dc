"""Reads of the public process pages (a process with its phases, its concept with goals and versions), the
processes' sections of the plan page, and the reads the plan list takes from processes (registered with
plans.registry in apps.py)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stadtdialog.core.sql import in_ids

from . import versioning
from .models import Concept, ConceptVersion, Goal, Phase, Process

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.db.models.options import Options
    from django.http import HttpRequest

    from stadtdialog.plans.models import Plan


def _base() -> QuerySet[Process]:
    """Processes with plan, lead unit, concept, contacts and phases in date order, and `plan_running`: whether a
    published process of the plan has a phase running today (for the plan's status on the page, plans/status.py)."""
    return (
        Process.objects.select_related("plan__lead_unit", "concept", "lead_contact__org_unit", "deputy__org_unit")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))
        .annotate(plan_running=Exists(_running_phases(timezone.localdate()).filter(process__plan=OuterRef("plan_id"))))
    )


def process_for_page(pk: int) -> Process:
    """A process with its plan, concept, contacts and phases (drafts included; the view decides)."""
    return get_object_or_404(_base(), pk=pk)


def page_frame(pk: int) -> tuple[Process, ConceptVersion | None]:
    """The process page's frame: the process as process_for_page and its concept's latest version, kept in the
    shared cache per process and day under the page version of plans/page_cache.py, which follows every save of plans,
    the organisation, processes, phases, concepts, concept versions and accounts (processes/apps.py): one cache
    query on a warm page instead of four."""
    from stadtdialog.plans.page_cache import cached

    def read() -> tuple[Process, ConceptVersion | None]:
        process = process_for_page(pk)
        try:
            concept = process.concept
        except Concept.DoesNotExist:
            concept = None
        return process, latest_version(concept)

    # The day is part of the key: whether the plan's participation runs changes at midnight without a save.
    return cached(f"processes:page-frame:{pk}:{timezone.localdate().isoformat()}", read)


def process_for_concept(pk: int) -> Process:
    """As process_for_page, plus the concept's goals."""
    queryset = _base().prefetch_related(
        Prefetch("concept__goals", queryset=Goal.objects.order_by("position", "id")),
    )
    return get_object_or_404(queryset, pk=pk)


def process_for_history(pk: int) -> Process:
    """A process with its plan and concept for the public version history (drafts included; the view decides)."""
    return get_object_or_404(Process.objects.select_related("plan", "concept"), pk=pk)


def history_entries(process: Process) -> list[dict]:
    """The versions of a process's concept, newest first, each with the readable diff against the one before
    (None for version 1): [{"version", "changes"}]. Two queries, however many versions."""
    versions = list(
        ConceptVersion.objects.filter(concept__process=process).select_related("org_unit").order_by("number")
    )
    entries, previous = [], None
    for version in versions:
        changes = versioning.diff_versions(previous.snapshot, version.snapshot) if previous else None
        entries.append({"version": version, "changes": changes})
        previous = version
    entries.reverse()
    return entries


def latest_version(concept: Concept | None) -> ConceptVersion | None:
    """The concept's newest version with its unit (only the fields the page shows)."""
    if concept is None:
        return None
    return (
        ConceptVersion.objects.filter(concept=concept)
        .select_related("org_unit")
        .only("id", "number", "published_at", "change_note", "org_unit__short_name", "org_unit__name", "concept_id")
        .order_by("-number")
        .first()
    )


def published_processes_of(plan: Plan) -> list[Process]:
    """The plan's published processes, oldest first, with contacts, concept and phases (two queries). Kept on
    plan.published_processes, so that the plan page's sections read them once."""
    if not hasattr(plan, "published_processes"):
        person = ("id", "full_name", "display_name", "office_phone", "office_email", "office_address")
        unit = ("id", "short_name", "name")
        plan.published_processes = list(
            Process.objects.filter(plan=plan, published_at__isnull=False)
            .select_related("lead_contact__org_unit", "deputy__org_unit", "concept")
            .only(
                "id",
                "plan_id",
                "title",
                "published_at",
                "lead_contact_id",
                "deputy_id",
                "concept__id",
                "concept__subject",
                *(f"{role}__{name}" for role in ("lead_contact", "deputy") for name in person),
                *(f"{role}__org_unit__{name}" for role in ("lead_contact", "deputy") for name in unit),
            )
            .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))
            .order_by("created_at", "id")
        )
    return plan.published_processes


def plan_participation_section(request: HttpRequest, plan: Plan) -> dict:
    """The section "processes" of the public plan page (core/extensions.py): the published processes with their
    timelines, or a sentence why there are none."""
    return {"processes": published_processes_of(plan)}


def plan_contacts_section(request: HttpRequest, plan: Plan) -> dict | None:
    """The section "contacts" of the plan page: the lead contacts and deputies of its published processes."""
    processes = published_processes_of(plan)
    return {"processes": processes} if processes else None


def _running_phases(today: datetime.date) -> QuerySet[Phase]:
    """Phases of published processes that run on that day."""
    return Phase.objects.filter(process__published_at__isnull=False, start__lte=today, end__gte=today)


def running_now(today: datetime.date) -> Exists:
    """For plans.registry "running_now": true for a plan (OuterRef "pk") with a published process whose phase
    runs today."""
    return Exists(_running_phases(today).filter(process__plan=OuterRef("pk")))


def running_plans_sql(ids: list[int], today: datetime.date | str) -> tuple[str, str, list]:
    """For plans.registry "running_plans_sql": the plans among `ids` that have a published process whose phase
    runs on `today` (a date value adapted for the database), as parts of a SELECT for plans.queries._page_links:
    (the plan id column, "FROM ... WHERE ...", its parameters)."""
    qn = connection.ops.quote_name

    def column(meta: Options, name: str) -> str:
        return qn(meta.get_field(name).column)

    phase, process = Phase._meta, Process._meta
    plan_column = f"pr.{column(process, 'plan')}"
    of_plans, ids_params = in_ids(plan_column, ids)
    sql = (
        f"FROM {qn(phase.db_table)} ph INNER JOIN {qn(process.db_table)} pr"
        f" ON ph.{column(phase, 'process')} = pr.{qn(process.pk.column)}"
        f" WHERE pr.{column(process, 'published_at')} IS NOT NULL"
        f" AND ph.{column(phase, 'start')} <= %s AND ph.{column(phase, 'end')} >= %s"
        f" AND {of_plans}"
    )
    return plan_column, sql, [today, today, *ids_params]
