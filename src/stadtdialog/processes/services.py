"""Writes of processes and their concepts.

Before publication a concept may be saved half-finished. Publishing checks that every required
part is there. After publication every saved change needs a change note and makes a new version.
The concept's texts come as typed keyword arguments (ConceptForm.concept_data() gives them), its
goals and phases as lists of GoalData and PhaseData (the rows of the goal and phase formsets).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import Role, User
from stadtdialog.core import audit, publishing
from stadtdialog.core.rules import require
from stadtdialog.core.sanitize import rich_text_html
from stadtdialog.core.versioning import Derived, check_version
from stadtdialog.organisation.models import OrgUnit

from . import versioning
from .models import Concept, Goal, Phase, Process

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from stadtdialog.plans.models import Plan


class ConceptTexts(TypedDict, total=False):
    """The keyword arguments of update_concept and save_concept: the concept's texts, budget and
    groups, and the process title; only the ones given change."""

    title: str
    subject: str
    scope_open: str
    scope_fixed: str
    decision_maker: str
    decision_where: str
    decision_when: str
    results_handling: str
    implementation: str
    staff_time: str
    external_costs: Decimal | None
    external_moderation: bool | None
    project_group: str
    advisory_group: str


class GoalData(TypedDict):
    """One goal as GoalForm checked it."""

    description: str
    indicator: str
    target_value: str
    due_date: datetime.date


class PhaseData(TypedDict, total=False):
    """One phase as PhaseForm checked it; description, target groups and multipliers may be left out."""

    title: str
    kind: str
    format: str
    channel: str
    start: datetime.date
    end: datetime.date
    description: str
    target_groups: str
    multipliers: str


CONCEPT_FIELDS = [
    "subject",
    "scope_open",
    "scope_fixed",
    "decision_maker",
    "decision_where",
    "decision_when",
    "results_handling",
    "implementation",
    "staff_time",
    "external_costs",
    "external_moderation",
    "project_group",
    "advisory_group",
]
GOAL_FIELDS = ["description", "indicator", "target_value", "due_date"]
PHASE_FIELDS = ["title", "kind", "format", "channel", "start", "end", "description", "target_groups", "multipliers"]


def _concept_value(name: str) -> Derived:
    return Derived(versioning.SECTION_LABELS[name], lambda process: getattr(process.concept, name))


def _shown_items(key: str, items: list[dict]) -> str:
    return "; ".join(item[key] for item in items) or _("(empty)")


# What the concept form's version covers besides the process's own fields (title, lead contact, deputy):
# the concept's texts, its goals and the phases (core.versioning; the process row is the one locked).
CONCEPT_VERSION: dict[str, Derived] = {
    **{name: _concept_value(name) for name in CONCEPT_FIELDS},
    "goals": Derived(
        versioning.SECTION_LABELS["goals"],
        lambda process: versioning.snapshot_goals(process.concept),
        lambda process: _shown_items("description", versioning.snapshot_goals(process.concept)),
    ),
    "phases": Derived(
        versioning.SECTION_LABELS["phases"],
        lambda process: versioning.snapshot_phases(process),
        lambda process: _shown_items("title", versioning.snapshot_phases(process)),
    ),
}
CONCEPT_VERSION_FIELDS = ("title", "lead_contact", "deputy")

# Required parts: (anchor of the form field, section key); in concept order.
REQUIRED = [
    ("id_subject", "subject"),
    ("goals", "goals"),
    ("id_scope_open", "scope_open"),
    ("id_scope_fixed", "scope_fixed"),
    ("id_decision_maker", "decision_maker"),
    ("id_decision_where", "decision_where"),
    ("id_decision_when", "decision_when"),
    ("phases", "phases"),
    ("id_results_handling", "results_handling"),
    ("id_implementation", "implementation"),
    ("id_staff_time", "staff_time"),
    ("id_external_costs", "external_costs"),
    ("id_external_moderation_0", "external_moderation"),
    ("id_lead_contact", "lead_contact"),
    ("id_deputy", "deputy"),
    ("id_project_group", "project_group"),
]


# --- Reading what is missing ----------------------------------------------------------------------


def missing_part_items(process: Process) -> list[tuple[str, str]]:
    """(form anchor, German label) of every required part that is missing, in concept order."""
    concept = process.concept
    goals = list(concept.goals.all())
    filled = {name: bool(str(getattr(concept, name) or "").strip()) for name in CONCEPT_FIELDS}
    filled["external_costs"] = concept.external_costs is not None
    filled["external_moderation"] = concept.external_moderation is not None
    filled["goals"] = any(all(getattr(g, f) not in (None, "") for f in GOAL_FIELDS) for g in goals)
    filled["phases"] = process.phases.exists() if not _prefetched(process, "phases") else bool(process.phases.all())
    filled["lead_contact"] = process.lead_contact_id is not None
    filled["deputy"] = process.deputy_id is not None
    return [(anchor, str(versioning.SECTION_LABELS[key])) for anchor, key in REQUIRED if not filled[key]]


def missing_parts(process: Process) -> list[str]:
    """German labels of the required parts that are still missing, in concept order."""
    return [label for _anchor, label in missing_part_items(process)]


def _prefetched(obj: Any, name: str) -> bool:
    """Whether obj's relation `name` was loaded by prefetch_related."""
    return name in getattr(obj, "_prefetched_objects_cache", {})


def _forget_prefetched(obj: Any, name: str) -> None:
    """Drop what prefetch_related loaded for obj's relation `name`, so the next read queries again."""
    getattr(obj, "_prefetched_objects_cache", {}).pop(name, None)


def eligible_contacts(plan: Plan) -> QuerySet[User]:
    """Staff who may be lead contact or deputy: active staff members of the plan's unit tree."""
    unit_ids = OrgUnit.descendant_ids({plan.lead_unit_id})
    return (
        User.objects.filter(is_active=True, org_unit_id__in=unit_ids, role_set__kind__in=Role.STAFF_KINDS)
        .select_related("org_unit")
        .distinct()
        .order_by("full_name", "display_name")
    )


# --- Applying changes (inside a transaction; each returns {field: [old, new]}) -------------------


def _apply_concept(process: Process, data: ConceptTexts) -> dict:
    """Set the given concept fields and the process title; the long texts (Concept.RICH_TEXT_FIELDS) sanitised as
    HTML, plain text among them turned into paragraphs first (core.sanitize.rich_text_html)."""
    concept = process.concept
    before = audit.snapshot(concept, CONCEPT_FIELDS)
    title_before = process.title
    for name in CONCEPT_FIELDS:
        if name in data:
            value = data[name]
            if name in Concept.RICH_TEXT_FIELDS:
                value = rich_text_html(value or "")
                if value == rich_text_html(getattr(concept, name) or ""):
                    continue  # the stored text as it is (plain text written before the texts were HTML): no change
            setattr(concept, name, value)
    concept.save()
    changes = audit.diff(before, audit.snapshot(concept, CONCEPT_FIELDS))
    if data.get("title") and data["title"] != title_before:
        process.title = data["title"]
        process.save(update_fields=["title", "updated_at"])
        changes["title"] = [title_before, process.title]
    return changes


def _replace_in_place(existing: list, wanted: list[dict], make: Callable[[dict], Any]) -> None:
    """Make the rows `existing` hold `wanted`, keeping their ids, so that what refers to them stays (a goal's
    assessment, a phase's contributions): an unchanged row keeps its own row, a changed one takes a row that
    is left over, a new one is created, rows left over at the end are removed."""
    left = list(existing)
    rows = []
    for values in wanted:
        same = next((r for r in left if all(getattr(r, n) == v for n, v in values.items() if n != "position")), None)
        if same is not None:
            left.remove(same)
        rows.append(same)
    for index, values in enumerate(wanted):
        row = rows[index] or (left.pop(0) if left else make(values))
        if row.pk is None or any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
    for row in left:
        row.delete()


def _apply_goals(process: Process, goals: list[GoalData]) -> dict:
    """Set the concept's goals, in the order given (the goals keep their rows where they stay)."""
    concept = process.concept
    cleaned = [{**{f: goal.get(f) for f in GOAL_FIELDS}, "position": i} for i, goal in enumerate(goals)]
    before = versioning.snapshot_goals(concept)
    _forget_prefetched(concept, "goals")
    _replace_in_place(list(concept.goals.order_by("position", "id")), cleaned, lambda v: Goal(concept=concept, **v))
    after = versioning.snapshot_goals(concept)
    return {"goals": [before, after]} if before != after else {}


def _apply_phases(process: Process, phases: list[PhaseData]) -> dict:
    """Set the process's phases, in the order of the form (the phases keep their rows where they stay)."""
    cleaned = [{f: phase.get(f) for f in PHASE_FIELDS} for phase in phases]
    before = versioning.snapshot_phases(process)
    _forget_prefetched(process, "phases")
    _replace_in_place(list(process.phases.all()), cleaned, lambda v: Phase(process=process, **v))
    after = versioning.snapshot_phases(process)
    return {"phases": [before, after]} if before != after else {}


def _apply_contacts(process: Process, lead_contact: User | None, deputy: User | None) -> dict:
    """Set lead contact and deputy, both staff of the plan's unit tree (ConceptForm checks that they differ)."""
    errors = {}
    eligible = set(eligible_contacts(process.plan).values_list("pk", flat=True))
    current = {"lead_contact": process.lead_contact_id, "deputy": process.deputy_id}
    for field, person in (("lead_contact", lead_contact), ("deputy", deputy)):
        # a contact who is no longer eligible may stay (the form keeps what the user cannot choose)
        if person is not None and person.pk not in eligible and person.pk != current[field]:
            errors[field] = [_("Please choose a staff member of the plan's department.")]
    if errors:
        raise ValidationError(errors)
    before = [str(process.lead_contact or ""), str(process.deputy or "")]
    process.lead_contact, process.deputy = lead_contact, deputy
    process.save(update_fields=["lead_contact", "deputy", "updated_at"])
    changes = {}
    if before[0] != str(lead_contact or ""):
        changes["lead_contact"] = [before[0], str(lead_contact or "")]
    if before[1] != str(deputy or ""):
        changes["deputy"] = [before[1], str(deputy or "")]
    return changes


def _finish(user: User, process: Process, action: str, changes: dict, change_note: str) -> None:
    """Audit entry, and after publication a new version (which needs a change note)."""
    if not changes:
        return
    change_note = (change_note or "").strip()
    if process.is_published:
        if not change_note:
            raise ValidationError(
                {"change_note": [_("The concept is published. Please describe briefly what changed and why.")]}
            )
        version = versioning.record_version(process.concept, user, change_note)
        changes = {**changes, "version": [version.number - 1, version.number]}
    if change_note:
        changes["change_note"] = [None, change_note]
    audit.record(user, action, process, changes)


def _run(
    user: User, process: Process, action: str, change_note: str, *steps: Callable[[], dict], version: str = ""
) -> None:
    """Check the permission, run the steps in one transaction and finish with one audit entry (and version).
    The process row is locked first; `version` is the concept form's token (core.versioning): a stale save
    raises StaleEdit before anything is written, so no concept version undoes a colleague's change."""
    require(user, "processes.change_process", process)
    with transaction.atomic():
        check_version(process, version, extra=CONCEPT_VERSION)
        changes = {}
        for step in steps:
            changes.update(step())
        _finish(user, process, action, changes, change_note)


# --- Public service functions --------------------------------------------------------------------


def create_process(user: User, plan: Plan, *, title: str) -> Process:
    """A new draft process with an empty concept; the title as ProcessCreateForm checked it."""
    require(user, "processes.add_process", plan)
    with transaction.atomic():
        process = Process.objects.create(plan=plan, title=title, created_by=user if user.is_authenticated else None)
        Concept.objects.create(process=process)
        audit.record(user, "process.create", process, {"title": [None, title], "plan": [None, str(plan)]})
    return process


def update_concept(user: User, process: Process, *, change_note: str = "", **texts: Unpack[ConceptTexts]) -> Concept:
    """Set the given concept texts, budget and groups (and the process title)."""
    _run(user, process, "concept.update", change_note, lambda: _apply_concept(process, texts))
    return process.concept


def set_goals(user: User, process: Process, *, goals: list[GoalData], change_note: str = "") -> None:
    """Replace the goals."""
    _run(user, process, "concept.goals", change_note, lambda: _apply_goals(process, goals))


def set_phases(user: User, process: Process, *, phases: list[PhaseData], change_note: str = "") -> None:
    """Replace the phases (the database keeps the end from coming before the start)."""
    _run(user, process, "concept.phases", change_note, lambda: _apply_phases(process, phases))


def set_contacts(
    user: User, process: Process, *, lead_contact: User | None, deputy: User | None, change_note: str = ""
) -> None:
    """Set lead contact and deputy (staff of the plan's unit tree)."""
    _run(user, process, "concept.contacts", change_note, lambda: _apply_contacts(process, lead_contact, deputy))


def save_concept(
    user: User,
    process: Process,
    *,
    goals: list[GoalData],
    phases: list[PhaseData],
    lead_contact: User | None,
    deputy: User | None,
    change_note: str = "",
    version: str = "",
    **texts: Unpack[ConceptTexts],
) -> Concept:
    """Everything of the concept form in one transaction, making at most one new version. `version` is the
    form's token: a save from a stale form raises StaleEdit (core.versioning) and changes nothing."""
    _run(
        user,
        process,
        "concept.update",
        change_note,
        lambda: _apply_concept(process, texts),
        lambda: _apply_goals(process, goals),
        lambda: _apply_phases(process, phases),
        lambda: _apply_contacts(process, lead_contact, deputy),
        version=version,
    )
    return process.concept


def publish_process(user: User, process: Process, change_note: str = "") -> Process:
    """Publish a complete concept as version 1; raises ValidationError listing the missing parts."""
    require(user, "processes.publish_process", process)
    if process.is_published:
        return process
    missing = missing_parts(process)
    if missing:
        raise ValidationError(
            _("The process cannot be published yet. Missing: %(parts)s.") % {"parts": ", ".join(missing)},
            code="incomplete",
            params={"missing": missing},
        )
    with transaction.atomic():
        process.published_at = timezone.now()
        process.save(update_fields=["published_at", "updated_at"])
        version = versioning.record_version(process.concept, user, change_note or _("First publication"))
        audit.record(
            user,
            "process.publish",
            process,
            {"published_at": [None, str(process.published_at)], "version": [None, version.number]},
        )
    return process


def unpublish_process(user: User, process: Process) -> Process:
    """Take a process back from the public pages; its versions stay."""
    require(user, "processes.publish_process", process)
    return publishing.unpublish(user, process, "process.unpublish")
