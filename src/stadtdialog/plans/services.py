"""Writes of plans: create, edit, publish, council papers and attachments.

Every function checks permission and the rules that cross objects, runs in one transaction and
writes an audit entry. The fields come typed as keyword arguments (PlanForm.service_data() gives
them); PlanForm and AttachmentForm check the fields themselves. A broken cross-object rule raises
django.core.exceptions.ValidationError (a dict keyed by field), a missing permission PermissionDenied.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core import audit, publishing
from stadtdialog.core.rules import require
from stadtdialog.core.sanitize import html_to_text, sanitize_html
from stadtdialog.core.versioning import check_version
from stadtdialog.organisation.models import District, Quarter

from . import signals
from .models import COUNCIL_PAPER_NUMBER, Attachment, CouncilPaper, Plan
from .uploads import stored_upload

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from stadtdialog.accounts.models import User
    from stadtdialog.organisation.models import FieldOfAction, OrgUnit


class CouncilPaperEntry(TypedDict, total=False):
    """A council paper as PlanForm.clean_council_papers parses a line: the number, optionally its details."""

    number: str
    title: str
    date: datetime.date | None
    url: str


class PlanFields(TypedDict, total=False):
    """The keyword arguments of create_plan and update_plan; update_plan changes only the ones given.
    districts, quarters and fields of action as objects or primary keys; council papers as checked
    numbers, CouncilPaperEntry dicts or CouncilPaper objects."""

    title: str
    summary: str
    description: str
    easy_language_summary: str
    is_citywide: bool
    latitude: Decimal | None
    longitude: Decimal | None
    lead_unit: OrgUnit | None
    status: str
    cost_estimate: Decimal | None
    schedule_start: datetime.date | None
    schedule_end: datetime.date | None
    schedule_note: str
    participation_planned: bool
    no_participation_reason: str
    districts: Iterable[District | int]
    quarters: Iterable[Quarter | int]
    fields_of_action: Iterable[FieldOfAction | int]
    council_papers: Iterable[str | CouncilPaperEntry | CouncilPaper]


# Plain fields of PlanFields; the many-to-many fields are handled apart.
PLAN_FIELDS = [
    "title",
    "summary",
    "description",
    "easy_language_summary",
    "is_citywide",
    "latitude",
    "longitude",
    "lead_unit",
    "status",
    "cost_estimate",
    "schedule_start",
    "schedule_end",
    "schedule_note",
    "participation_planned",
    "no_participation_reason",
]
M2M_FIELDS = ["districts", "quarters", "fields_of_action", "council_papers"]
AUDIT_FIELDS = [*PLAN_FIELDS, "published_at"]


def plan_snapshot(plan: Plan) -> dict:
    """Plain values of a plan, including its districts, quarters, fields of action and council papers."""
    values = audit.snapshot(plan, AUDIT_FIELDS)
    if plan.pk:
        values["districts"] = sorted(str(d) for d in plan.districts.all())
        values["quarters"] = sorted(str(q) for q in plan.quarters.all())
        values["fields_of_action"] = sorted(str(f) for f in plan.fields_of_action.all())
        values["council_papers"] = sorted(p.number for p in plan.council_papers.all())
    return values


def search_text(plan: Plan) -> str:
    """The plan's title, summary, description (as text) and easy-language summary, one a line."""
    parts = [plan.title, plan.summary, html_to_text(plan.description), plan.easy_language_summary]
    return "\n".join(p for p in parts if p)


def validate_council_paper_number(number: str) -> str:
    """The number with its spaces normalised; ValidationError when it is not of the form 1736/2018 or 15-1178/2022."""
    number = " ".join((number or "").split())
    if not COUNCIL_PAPER_NUMBER.match(number):
        raise ValidationError(
            _("“%(number)s” is not a council paper number. Use the form 1736/2018 or 15-1178/2022.")
            % {"number": number},
            code="invalid_council_paper_number",
        )
    return number


def _council_papers(entries: Iterable[str | CouncilPaperEntry | CouncilPaper] | None) -> list[CouncilPaper]:
    """CouncilPapers for checked numbers (str) or dicts {number, title, date, url}, as the form parsed them."""
    papers = []
    for entry in entries or []:
        if isinstance(entry, CouncilPaper):
            papers.append(entry)
            continue
        fields = dict(entry) if isinstance(entry, dict) else {"number": entry}
        papers.append(_get_or_create_paper(fields.pop("number"), **fields))
    return papers


def _get_or_create_paper(
    number: str, title: str = "", date: datetime.date | None = None, url: str = ""
) -> CouncilPaper:
    """The council paper of that number, created if new; an existing one gets the details it lacks."""
    paper, created = CouncilPaper.objects.get_or_create(
        number=number, defaults={"title": title, "date": date, "url": url}
    )
    if not created:
        changed = False
        for name, value in (("title", title), ("date", date), ("url", url)):
            if value and not getattr(paper, name):
                setattr(paper, name, value)
                changed = True
        if changed:
            paper.save()
    return paper


def _validate(user: User, plan: Plan, m2m: dict[str, list]) -> None:
    """Rules of a plan that cross objects: the lead unit against the user's units, the districts
    against the quarters and the citywide flag. PlanForm checks the fields themselves (limits from
    the model, required, dates in order, reason, map point)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if plan.lead_unit_id is None:
        add("lead_unit", _("Please choose the lead department."))
    elif not is_city_wide_staff(user) and plan.lead_unit_id not in unit_ids_of(user):
        add("lead_unit", _("You can only choose your own department or a unit below it."))
    if not plan.is_citywide and not m2m.get("districts") and not m2m.get("quarters"):
        add("districts", _("Please choose at least one district or quarter, or mark the plan as citywide."))
    if errors:
        raise ValidationError(errors)


def _apply(user: User, plan: Plan, data: PlanFields) -> None:
    """Set the given fields, check the cross-object rules, save the plan and its many-to-many relations."""
    for name in PLAN_FIELDS:
        if name in data:
            setattr(plan, name, data[name])
    plan.description = sanitize_html(plan.description)
    if plan.participation_planned:
        plan.no_participation_reason = ""
    m2m = {}
    for name in ("districts", "quarters", "fields_of_action"):
        if name in data:
            m2m[name] = list(data[name] or [])
        elif plan.pk:
            m2m[name] = list(getattr(plan, name).all())
        else:
            m2m[name] = []
    if m2m["quarters"]:
        # A quarter always brings its district, so district filters find the plan.
        quarters = Quarter.objects.filter(pk__in=[getattr(q, "pk", q) for q in m2m["quarters"]])
        district_ids = {getattr(d, "pk", d) for d in m2m["districts"]} | {q.district_id for q in quarters}
        m2m["districts"] = list(District.objects.filter(pk__in=district_ids))
    if plan.is_citywide:
        m2m["districts"], m2m["quarters"] = [], []
    _validate(user, plan, m2m)
    if "council_papers" in data:
        m2m["council_papers"] = _council_papers(data["council_papers"])
    plan.search_text = search_text(plan)
    plan.save()
    for name, values in m2m.items():
        getattr(plan, name).set(values)


def create_plan(user: User, **fields: Unpack[PlanFields]) -> Plan:
    """A new draft plan with the given fields (see PlanFields)."""
    require(user, "plans.add_plan")
    with transaction.atomic():
        plan = Plan(created_by=user if user.is_authenticated else None)
        _apply(user, plan, fields)
        audit.record(user, "plan.create", plan, audit.diff({}, plan_snapshot(plan)))
    return plan


def update_plan(user: User, plan: Plan, *, version: str = "", **changes: Unpack[PlanFields]) -> Plan:
    """Set the given fields of a plan (the others stay); a rejected change leaves the plan as it was.
    `version` is the token of the form the changes come from (core.versioning): a save from a stale form
    raises StaleEdit and changes nothing."""
    require(user, "plans.change_plan", plan)
    try:
        with transaction.atomic():
            check_version(plan, version)
            before = plan_snapshot(plan)
            _apply(user, plan, changes)
            changes = audit.diff(before, plan_snapshot(plan))
            if changes:
                audit.record(user, "plan.update", plan, changes)
    except ValidationError:
        plan.refresh_from_db()  # drop the rejected values from the caller's object
        raise
    return plan


def publish_plan(user: User, plan: Plan) -> Plan:
    """Make a draft visible to everyone. Publishing a published plan changes nothing."""
    require(user, "plans.publish_plan", plan)
    if plan.is_published:
        return plan
    with transaction.atomic():
        _validate(user, plan, {"districts": list(plan.districts.all()), "quarters": list(plan.quarters.all())})
        plan.published_at = timezone.now()
        plan.save(update_fields=["published_at", "updated_at"])
        audit.record(user, "plan.publish", plan, {"published_at": [None, str(plan.published_at)]})
        transaction.on_commit(lambda: signals.plan_published.send(sender=Plan, plan=plan))
    return plan


def unpublish_plan(user: User, plan: Plan) -> Plan:
    """Take a plan back to draft (e.g. published by mistake)."""
    require(user, "plans.publish_plan", plan)
    return publishing.unpublish(user, plan, "plan.unpublish")


def add_council_paper(
    user: User,
    plan: Plan,
    number: str,
    *,
    title: str = "",
    date: datetime.date | None = None,
    url: str = "",
) -> CouncilPaper:
    """Link the council paper of that number (checked here, created if new) to the plan."""
    require(user, "plans.change_plan", plan)
    number = validate_council_paper_number(number)
    with transaction.atomic():
        paper = _get_or_create_paper(number, title=title, date=date, url=url)
        plan.council_papers.add(paper)
        audit.record(user, "plan.council_paper_add", plan, {"council_papers": [None, number]})
    return paper


def add_attachment(user: User, plan: Plan, *, file: UploadedFile, title: str, alt_text: str = "") -> Attachment:
    """Store a PDF or image with the plan, as AttachmentForm checked it (type by content, size, the title
    and an image's description); an image is stored without its metadata."""
    require(user, "plans.change_plan", plan)
    kind, stored = stored_upload(file)
    with transaction.atomic():
        attachment = Attachment(plan=plan, title=title.strip(), kind=kind, size=stored.size, alt_text=alt_text.strip())
        attachment.file.save(stored.name, stored, save=False)
        attachment.save()
        audit.record(
            user, "plan.attachment_add", plan, {"attachments": [None, f"{attachment.title} ({attachment.file.name})"]}
        )
    return attachment


def remove_attachment(user: User, attachment: Attachment) -> None:
    """Delete the attachment; its file leaves the storage once the transaction is committed."""
    plan = attachment.plan
    require(user, "plans.change_plan", plan)
    with transaction.atomic():
        label = f"{attachment.title} ({attachment.file.name})"
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        audit.record(user, "plan.attachment_remove", plan, {"attachments": [label, None]})
        transaction.on_commit(lambda: storage.delete(name))
