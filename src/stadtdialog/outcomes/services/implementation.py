"""Writes of the implementation: milestones (with start, end, status, progress and a parent) and
updates with text and photos."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version

from ..models import ImplementationUpdate, Milestone, UpdatePhoto

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User
    from stadtdialog.processes.models import Process

CHANGE = "outcomes.change_outcomes"
MILESTONE_FIELDS = [
    "title",
    "description",
    "parent",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "status",
    "progress",
    "weight",
]


def _check_parent(process: Process, parent: Milestone | None, milestone: Milestone | None = None) -> None:
    """A parent belongs to the same process and is neither the milestone nor one of its parts."""
    if parent is None:
        return
    if parent.process_id != process.pk:
        raise ValidationError({"parent": [_("The milestone it is part of must belong to the same process.")]})
    if milestone is not None and milestone.pk and _is_within(parent, milestone):
        raise ValidationError({"parent": [_("A milestone cannot be part of itself or of one of its own parts.")]})


def _is_within(candidate: Milestone, milestone: Milestone) -> bool:
    """True if `candidate` is `milestone` or lies below it (the process's milestones are read once)."""
    parents = dict(Milestone.objects.filter(process_id=milestone.process_id).values_list("pk", "parent_id"))
    node, seen = candidate.pk, set()
    while node is not None and node not in seen:
        if node == milestone.pk:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def create_milestone(
    user: User,
    process: Process,
    *,
    title: str,
    planned_start: datetime.date,
    planned_end: datetime.date,
    description: str = "",
    actual_start: datetime.date | None = None,
    actual_end: datetime.date | None = None,
    status: str = Milestone.Status.PLANNED,
    progress: int = 0,
    weight: int | None = None,
    parent: Milestone | None = None,
) -> Milestone:
    """A new milestone of the process; the fields come checked from MilestoneForm (the database keeps the
    dates in order and the progress within 0-100)."""
    require(user, CHANGE, process)
    _check_parent(process, parent)
    with transaction.atomic():
        milestone = Milestone.objects.create(
            process=process,
            title=title,
            description=description,
            parent=parent,
            planned_start=planned_start,
            planned_end=planned_end,
            actual_start=actual_start,
            actual_end=actual_end,
            status=status,
            progress=progress,
            weight=weight,
        )
        audit.record(
            user, "outcomes.create_milestone", milestone, audit.diff({}, audit.snapshot(milestone, MILESTONE_FIELDS))
        )
    return milestone


def update_milestone(
    user: User,
    milestone: Milestone,
    *,
    title: str,
    planned_start: datetime.date,
    planned_end: datetime.date,
    description: str = "",
    actual_start: datetime.date | None = None,
    actual_end: datetime.date | None = None,
    status: str = Milestone.Status.PLANNED,
    progress: int = 0,
    weight: int | None = None,
    parent: Milestone | None = None,
    version: str = "",
) -> Milestone:
    """Change a milestone; a new parent must not be the milestone itself nor one of its parts. `version` is
    the form's token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, CHANGE, milestone.process)
    _check_parent(milestone.process, parent, milestone)
    with transaction.atomic():
        process = milestone.process
        check_version(milestone, version)
        milestone.process = process
        before = audit.snapshot(milestone, MILESTONE_FIELDS)
        milestone.title, milestone.description, milestone.parent = title, description, parent
        milestone.planned_start, milestone.planned_end = planned_start, planned_end
        milestone.actual_start, milestone.actual_end = actual_start, actual_end
        milestone.status, milestone.progress, milestone.weight = status, progress, weight
        milestone.save()
        audit.record(
            user,
            "outcomes.update_milestone",
            milestone,
            audit.diff(before, audit.snapshot(milestone, MILESTONE_FIELDS)),
        )
    return milestone


def delete_milestone(user: User, milestone: Milestone) -> None:
    """Remove a milestone."""
    require(user, CHANGE, milestone.process)
    with transaction.atomic():
        audit.record(user, "outcomes.delete_milestone", milestone, {"title": [milestone.title, None]})
        milestone.delete()


def add_update(
    user: User,
    process: Process,
    *,
    text: str,
    milestone: Milestone | None = None,
    photos: Sequence[tuple[File, str]] = (),
    date: datetime.date | None = None,
) -> ImplementationUpdate:
    """A public update of the implementation. `photos` are (file, alt text) pairs that UpdateForm has
    checked (plans.uploads.checked_upload: images re-encoded without their metadata)."""
    require(user, CHANGE, process)
    if milestone is not None and milestone.process_id != process.pk:
        raise ValidationError({"milestone": [_("The milestone must belong to the same process.")]})
    with transaction.atomic():
        update = ImplementationUpdate.objects.create(
            process=process, milestone=milestone, text=text, date=date or timezone.localdate(), author=user
        )
        for stored, alt_text in photos:
            UpdatePhoto.objects.create(update=update, file=stored, alt_text=alt_text, size=stored.size)
        audit.record(user, "outcomes.add_update", update, {"text": [None, text], "photos": [0, len(photos)]})
    return update


def delete_update(user: User, update: ImplementationUpdate) -> None:
    """Remove an implementation update with its photos."""
    require(user, CHANGE, update.process)
    with transaction.atomic():
        audit.record(user, "outcomes.delete_update", update, {"text": [update.text, None]})
        update.delete()
