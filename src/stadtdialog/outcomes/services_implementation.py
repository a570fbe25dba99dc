"""Writes of the implementation: milestones (with start, end, status, progress and a parent) and
updates with text and photos."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.plans.uploads import checked_upload

from .models import ImplementationUpdate, Milestone, UpdatePhoto

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


def _date(value):
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value) if value else None
        except ValueError:
            return None
    return value or None


def _number(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return "invalid"


def clean_milestone(process, data: dict, milestone: Milestone | None = None) -> dict:
    """Checked values of a milestone, or a ValidationError with a German message per field."""
    errors = {}
    values = {
        "title": (data.get("title") or "").strip(),
        "description": (data.get("description") or "").strip(),
        "planned_start": _date(data.get("planned_start")),
        "planned_end": _date(data.get("planned_end")),
        "actual_start": _date(data.get("actual_start")),
        "actual_end": _date(data.get("actual_end")),
        "status": data.get("status") or Milestone.Status.PLANNED,
        "progress": _number(data.get("progress")),
        "weight": _number(data.get("weight")),
        "parent": data.get("parent") or None,
    }
    if not values["title"]:
        errors["title"] = [_("Please give the milestone a title.")]
    if not values["planned_start"]:
        errors["planned_start"] = [_("Please give the planned start.")]
    if not values["planned_end"]:
        errors["planned_end"] = [_("Please give the planned end.")]
    elif values["planned_start"] and values["planned_end"] < values["planned_start"]:
        errors["planned_end"] = [_("The planned end must not be before the planned start.")]
    if values["actual_start"] and values["actual_end"] and values["actual_end"] < values["actual_start"]:
        errors["actual_end"] = [_("The actual end must not be before the actual start.")]
    if values["actual_end"] and not values["actual_start"]:
        errors["actual_start"] = [_("Please give the actual start as well.")]
    if values["status"] not in Milestone.Status.values:
        errors["status"] = [_("Please choose a status.")]
    if values["progress"] is None:
        values["progress"] = 0
    if values["progress"] == "invalid" or not 0 <= values["progress"] <= 100:
        errors["progress"] = [_("Progress must be a whole number between 0 and 100 percent.")]
    if values["weight"] == "invalid" or (values["weight"] is not None and not 1 <= values["weight"] <= 1000):
        errors["weight"] = [_("The weight must be a whole number between 1 and 1000.")]
    parent = values["parent"]
    if parent is not None and not isinstance(parent, Milestone):
        parent = Milestone.objects.filter(pk=_number(parent) if _number(parent) != "invalid" else None).first()
        values["parent"] = parent
    if (data.get("parent") and parent is None) or (parent is not None and parent.process_id != process.pk):
        errors["parent"] = [_("The milestone it is part of must belong to the same process.")]
    elif parent is not None and milestone is not None and milestone.pk and _is_within(parent, milestone):
        errors["parent"] = [_("A milestone cannot be part of itself or of one of its own parts.")]
    if errors:
        raise ValidationError(errors)
    return values


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


def create_milestone(user, process, data: dict) -> Milestone:
    require(user, CHANGE, process)
    values = clean_milestone(process, data)
    with transaction.atomic():
        milestone = Milestone.objects.create(process=process, **values)
        audit.record(
            user, "outcomes.create_milestone", milestone, audit.diff({}, audit.snapshot(milestone, MILESTONE_FIELDS))
        )
    return milestone


def update_milestone(user, milestone: Milestone, data: dict) -> Milestone:
    require(user, CHANGE, milestone.process)
    values = clean_milestone(milestone.process, data, milestone)
    with transaction.atomic():
        before = audit.snapshot(milestone, MILESTONE_FIELDS)
        for name, value in values.items():
            setattr(milestone, name, value)
        milestone.save()
        audit.record(
            user,
            "outcomes.update_milestone",
            milestone,
            audit.diff(before, audit.snapshot(milestone, MILESTONE_FIELDS)),
        )
    return milestone


def delete_milestone(user, milestone: Milestone) -> None:
    require(user, CHANGE, milestone.process)
    with transaction.atomic():
        audit.record(user, "outcomes.delete_milestone", milestone, {"title": [milestone.title, None]})
        milestone.delete()


def add_update(user, process, text: str, milestone=None, photos=(), date=None) -> ImplementationUpdate:
    """A public update of the implementation; `photos` is a list of (uploaded file, alt text)."""
    require(user, CHANGE, process)
    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = [_("Please write what has happened.")]
    if milestone is not None and milestone.process_id != process.pk:
        errors["milestone"] = [_("The milestone must belong to the same process.")]
    checked = []
    for number, (upload, alt_text) in enumerate(photos, start=1):
        if upload is None:
            continue
        try:
            kind, stored = checked_upload(upload)  # a photo without its metadata
        except ValidationError as error:
            errors.setdefault("photos", []).extend(
                f"{_('Photo %(number)s') % {'number': number}}: {m}" for m in error.messages
            )
            continue
        if kind != "image":
            errors.setdefault("photos", []).append(
                _("Photo %(number)s: only PNG, JPEG or WebP images are allowed.") % {"number": number}
            )
        elif not (alt_text or "").strip():
            errors.setdefault("photos", []).append(
                _("Photo %(number)s: please describe the photo for people who cannot see it.") % {"number": number}
            )
        else:
            checked.append((stored, alt_text.strip()))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        update = ImplementationUpdate.objects.create(
            process=process, milestone=milestone, text=text, date=date or timezone.localdate(), author=user
        )
        for stored, alt_text in checked:
            UpdatePhoto.objects.create(update=update, file=stored, alt_text=alt_text, size=stored.size)
        audit.record(user, "outcomes.add_update", update, {"text": [None, text], "photos": [0, len(checked)]})
    return update


def delete_update(user, update: ImplementationUpdate) -> None:
    require(user, CHANGE, update.process)
    with transaction.atomic():
        audit.record(user, "outcomes.delete_update", update, {"text": [update.text, None]})
        update.delete()
