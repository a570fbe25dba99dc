"""Writes of the district conferences: plan a conference or working meeting, invite (mail with an iCal file), keep
attendance and minutes, publish the minutes to the participants, make agreements and their action items, update,
confirm and dispute items, escalate and record the decision, keep the district projects, remind overdue items.

Every write checks its permission (`require`, rules_conferences.py), runs in one transaction with the row locked,
and writes an audit entry. Every step of an action item is recorded on the item, so its history shows them all.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.organisation.models import District, OrgUnit

from .models.conferences import (
    DEFAULT_CONFERENCE_UNITS,
    UNIT_STATUSES,
    ActionItem,
    ActionItemStatus,
    Agreement,
    DistrictConference,
    DistrictProject,
    Escalation,
)

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

CONFERENCE_FIELDS = ["title", "starts_at", "ends_at", "place", "agenda", "invited_at", "minutes_published_at"]
ITEM_FIELDS = [
    "unit",
    "measure",
    "starts_on",
    "due_on",
    "target_groups",
    "approach",
    "status",
    "note",
    "done_at",
    "confirmed_at",
    "disputed_reason",
]
ESCALATION_FIELDS = ["body", "escalated_on", "reason", "decided_on", "decision", "consequence", "new_due_on"]
PROJECT_FIELDS = ["year", "title", "description", "state"]


def _base(base_url: str) -> str:
    return (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def _ids(objects) -> list[int]:
    return sorted(obj.pk for obj in objects)


def default_units(district: District):
    """The departments a new conference of the district invites: those of its previous conference, else the
    concept's list (DEFAULT_CONFERENCE_UNITS) as far as the city's data has them."""
    last = DistrictConference.objects.filter(district=district, agreement=None).order_by("-starts_at", "-id").first()
    if last is not None and last.units.exists():
        return last.units.all()
    return OrgUnit.objects.filter(short_name__in=DEFAULT_CONFERENCE_UNITS, dissolved_at=None)


# -- conferences -----------------------------------------------------------------------------------------------


def _check_times(starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("The end must lie after the beginning.")]})


def plan_conference(
    user: User,
    district: District,
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    units,
    agenda: str = "",
    agreement: Agreement | None = None,
) -> DistrictConference:
    """A district conference, or a working meeting on one of the district's agreements."""
    require(user, "districts.keep_conferences", district)
    _check_times(starts_at, ends_at)
    if agreement is not None and agreement.district_id != district.pk:
        raise ValidationError(_("The agreement belongs to another district."))
    if not units:
        raise ValidationError({"units": [_("Please invite at least one department.")]})
    with transaction.atomic():
        conference = DistrictConference.objects.create(
            district=district,
            agreement=agreement,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            agenda=agenda,
        )
        conference.units.set(units)
        changes = audit.diff({}, audit.snapshot(conference, CONFERENCE_FIELDS))
        audit.record(user, "conference.plan", conference, {**changes, "units": [None, _ids(units)]})
        if agreement is not None:
            audit.record(user, "agreement.working_meeting", agreement, {"working_meeting": [None, conference.pk]})
    return conference


def update_conference(
    user: User, conference: DistrictConference, *, version: str = "", units, **values
) -> DistrictConference:
    """Change date, place, invited departments and agenda (`version`: the edit form's token)."""
    require(user, "districts.keep_conferences", conference)
    _check_times(values["starts_at"], values["ends_at"])
    if not units:
        raise ValidationError({"units": [_("Please invite at least one department.")]})
    with transaction.atomic():
        check_version(conference, version)
        before = {**audit.snapshot(conference, CONFERENCE_FIELDS), "units": _ids(conference.units.all())}
        for name, value in values.items():
            setattr(conference, name, value)
        conference.save()
        conference.units.set(units)
        after = {**audit.snapshot(conference, CONFERENCE_FIELDS), "units": _ids(units)}
        audit.record(user, "conference.update", conference, audit.diff(before, after))
    return conference


def invitation_recipients(conference: DistrictConference) -> list[str]:
    """The office addresses of the invited departments and of their staff with a role in them, and of the
    district's managers (each address once)."""
    from stadtdialog.accounts.models import Role

    unit_ids = [unit.pk for unit in conference.units.all()]
    found: list[str] = [unit.email for unit in conference.units.all() if unit.email]
    roles = Role.objects.filter(user__is_active=True).select_related("user")
    for role in roles.filter(kind__in=Role.UNIT_KINDS, org_unit_id__in=unit_ids) | roles.filter(
        kind__in=Role.DISTRICT_KINDS, district_id=conference.district_id
    ):
        address = role.user.office_email or role.user.email
        if address:
            found.append(address)
    return list(dict.fromkeys(address.lower() for address in found))


def send_invitations(user: User, conference: DistrictConference, base_url: str = "") -> int:
    """Mail the invitation with the conference as an iCal file to every invited department (again after a change:
    the calendar entry keeps its UID and is updated). The number of addresses."""
    from .tasks_conferences import send_invitation

    require(user, "districts.keep_conferences", conference)
    with transaction.atomic():
        conference = DistrictConference.objects.select_for_update().get(pk=conference.pk)
        if conference.ends_at <= timezone.now():
            raise ValidationError(_("The conference is over; invitations are no longer sent."))
        recipients = invitation_recipients(conference)
        if not recipients:
            raise ValidationError(_("None of the invited departments has an e-mail address."))
        before = audit.snapshot(conference, CONFERENCE_FIELDS)
        conference.invited_at = timezone.now()
        conference.save(update_fields=["invited_at", "updated_at"])
        changes = audit.diff(before, audit.snapshot(conference, CONFERENCE_FIELDS))
        audit.record(user, "conference.invite", conference, {**changes, "recipients": [None, len(recipients)]})
        transaction.on_commit(lambda: send_invitation.enqueue(conference.pk, recipients, _base(base_url)))
    return len(recipients)


def record_minutes(
    user: User, conference: DistrictConference, *, minutes: str, present_units, version: str = ""
) -> DistrictConference:
    """The attendance (departments present) and the minutes, written in the portal."""
    require(user, "districts.keep_conferences", conference)
    with transaction.atomic():
        check_version(conference, version, fields=["minutes", "present_units"])
        before = {"minutes": conference.minutes, "present_units": _ids(conference.present_units.all())}
        conference.minutes = minutes
        conference.save(update_fields=["minutes", "updated_at"])
        conference.present_units.set(present_units)
        after = {"minutes": minutes, "present_units": _ids(present_units)}
        audit.record(user, "conference.minutes", conference, audit.diff(before, after))
    return conference


def publish_minutes(user: User, conference: DistrictConference) -> DistrictConference:
    """The minutes become readable (and downloadable as PDF) for the participants."""
    require(user, "districts.keep_conferences", conference)
    with transaction.atomic():
        conference = DistrictConference.objects.select_for_update().get(pk=conference.pk)
        if not conference.minutes.strip():
            raise ValidationError(_("Please write the minutes first."))
        if conference.starts_at > timezone.now():
            raise ValidationError(_("The conference has not taken place yet."))
        before = audit.snapshot(conference, CONFERENCE_FIELDS)
        conference.minutes_published_at = timezone.now()
        conference.save(update_fields=["minutes_published_at", "updated_at"])
        audit.record(
            user,
            "conference.publish_minutes",
            conference,
            audit.diff(before, audit.snapshot(conference, CONFERENCE_FIELDS)),
        )
    return conference


# -- agreements and action items -----------------------------------------------------------------------------


def create_agreement(user: User, conference: DistrictConference, *, title: str, reason: str, units) -> Agreement:
    require(user, "districts.keep_conferences", conference)
    if not units:
        raise ValidationError({"units": [_("Please name the departments that agreed.")]})
    with transaction.atomic():
        agreement = Agreement.objects.create(
            conference=conference, district_id=conference.district_id, title=title, reason=reason
        )
        agreement.units.set(units)
        audit.record(
            user,
            "agreement.create",
            agreement,
            {"title": [None, title], "reason": [None, reason], "units": [None, _ids(units)]},
        )
    return agreement


def add_item(
    user: User,
    agreement: Agreement,
    *,
    unit: OrgUnit,
    measure: str,
    starts_on: datetime.date,
    due_on: datetime.date,
    target_groups: str = "",
    approach: str = "",
) -> ActionItem:
    """An action item of the agreement: which department does what, in which period, for whom and how."""
    require(user, "districts.keep_conferences", agreement)
    if due_on < starts_on:
        raise ValidationError({"due_on": [_("The due date must not lie before the start.")]})
    with transaction.atomic():
        item = ActionItem.objects.create(
            agreement=agreement,
            unit=unit,
            measure=measure,
            starts_on=starts_on,
            due_on=due_on,
            target_groups=target_groups,
            approach=approach,
        )
        audit.record(user, "action_item.create", item, audit.diff({}, audit.snapshot(item, ITEM_FIELDS)))
    return item


def _locked_item(item: ActionItem) -> ActionItem:
    return ActionItem.objects.select_for_update(of=("self",)).select_related("agreement", "unit").get(pk=item.pk)


def update_item(user: User, item: ActionItem, *, status: str, note: str, version: str = "") -> ActionItem:
    """The responsible department's update: status (planned, in progress, done) and its internal note."""
    require(user, "districts.update_action_item", item)
    if status not in UNIT_STATUSES:
        raise ValidationError({"status": [_("Please choose planned, in progress or done.")]})
    with transaction.atomic():
        check_version(item, version, fields=["status", "note"])
        item = _locked_item(item)
        if item.status == ActionItemStatus.CONFIRMED:
            raise ValidationError(_("The district management has already confirmed this item as done."))
        before = audit.snapshot(item, ITEM_FIELDS)
        item.status, item.note = status, note
        if status == ActionItemStatus.DONE:
            item.done_at = item.done_at or timezone.now()
            item.disputed_reason = ""
        else:
            item.done_at = None
        item.save()
        audit.record(user, "action_item.update", item, audit.diff(before, audit.snapshot(item, ITEM_FIELDS)))
    return item


def confirm_item(user: User, item: ActionItem) -> ActionItem:
    """The district manager confirms that the item is done."""
    require(user, "districts.keep_conferences", item)
    with transaction.atomic():
        item = _locked_item(item)
        if item.status != ActionItemStatus.DONE:
            raise ValidationError(_("Only an item the department reported done can be confirmed."))
        before = audit.snapshot(item, ITEM_FIELDS)
        item.status, item.confirmed_at = ActionItemStatus.CONFIRMED, timezone.now()
        item.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit.record(user, "action_item.confirm", item, audit.diff(before, audit.snapshot(item, ITEM_FIELDS)))
    return item


def dispute_item(user: User, item: ActionItem, *, reason: str) -> ActionItem:
    """The department or the district management marks the item disputed, with the reason."""
    require(user, "districts.dispute_action_item", item)
    if not reason.strip():
        raise ValidationError({"reason": [_("Please give the reason why the item is disputed.")]})
    with transaction.atomic():
        item = _locked_item(item)
        if item.status == ActionItemStatus.CONFIRMED:
            raise ValidationError(_("The district management has already confirmed this item as done."))
        before = audit.snapshot(item, ITEM_FIELDS)
        item.status, item.disputed_reason, item.done_at = ActionItemStatus.DISPUTED, reason, None
        item.save(update_fields=["status", "disputed_reason", "done_at", "updated_at"])
        audit.record(user, "action_item.dispute", item, audit.diff(before, audit.snapshot(item, ITEM_FIELDS)))
    return item


# -- escalation ----------------------------------------------------------------------------------------------------


def escalate(
    user: User,
    agreement: Agreement,
    *,
    body: str,
    reason: str,
    item: ActionItem | None = None,
    escalated_on: datetime.date | None = None,
) -> Escalation:
    """Bring an overdue or disputed item, or the whole agreement, to the directors' conference or the mayor."""
    require(user, "districts.escalate", agreement)
    if body not in Escalation.Body.values:
        raise ValidationError({"body": [_("Please choose the directors' conference or the mayor.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Please give the reason for the escalation.")]})
    with transaction.atomic():
        if item is not None:
            item = _locked_item(item)
            if item.agreement_id != agreement.pk:
                raise ValidationError(_("This item belongs to another agreement."))
            if not (item.is_overdue or item.status == ActionItemStatus.DISPUTED):
                raise ValidationError(_("Only an overdue or disputed item is escalated."))
            if Escalation.objects.filter(item=item, decided_on=None).exists():
                raise ValidationError(_("This item is already escalated and waits for the decision."))
        escalation = Escalation.objects.create(
            agreement=agreement,
            item=item,
            body=body,
            reason=reason,
            escalated_on=escalated_on or timezone.localdate(),
        )
        changes = audit.diff({}, audit.snapshot(escalation, ESCALATION_FIELDS))
        audit.record(user, "escalation.create", escalation, changes)
        target = item if item is not None else agreement
        audit.record(user, "action_item.escalate" if item else "agreement.escalate", target, changes)
    return escalation


def record_decision(
    user: User,
    escalation: Escalation,
    *,
    decided_on: datetime.date,
    decision: str,
    consequence: str = "",
    new_due_on: datetime.date | None = None,
) -> Escalation:
    """The body's decision, its date and the consequence for the item (a new due date ends a dispute: the item is
    in progress again)."""
    require(user, "districts.decide_escalation", escalation)
    if not decision.strip():
        raise ValidationError({"decision": [_("Please write the decision.")]})
    if decided_on < escalation.escalated_on:
        raise ValidationError({"decided_on": [_("The decision cannot lie before the escalation.")]})
    if new_due_on is not None and escalation.item_id is None:
        raise ValidationError({"new_due_on": [_("A new due date belongs to an escalated item.")]})
    with transaction.atomic():
        escalation = (
            Escalation.objects.select_for_update(of=("self",)).select_related("agreement", "item").get(pk=escalation.pk)
        )
        if escalation.decided_on is not None:
            raise ValidationError(_("The decision has already been recorded."))
        before = audit.snapshot(escalation, ESCALATION_FIELDS)
        escalation.decided_on, escalation.decision = decided_on, decision
        escalation.consequence, escalation.new_due_on = consequence, new_due_on
        escalation.save()
        changes = audit.diff(before, audit.snapshot(escalation, ESCALATION_FIELDS))
        audit.record(user, "escalation.decide", escalation, changes)
        if escalation.item_id is not None:
            item = _locked_item(escalation.item)
            item_before = audit.snapshot(item, ITEM_FIELDS)
            if new_due_on is not None:
                if new_due_on < item.starts_on:
                    raise ValidationError({"new_due_on": [_("The due date must not lie before the start.")]})
                item.due_on = new_due_on
                if item.status == ActionItemStatus.DISPUTED:
                    item.status, item.disputed_reason = ActionItemStatus.IN_PROGRESS, ""
                item.reminded_on = None
                item.save()
            item_changes = audit.diff(item_before, audit.snapshot(item, ITEM_FIELDS))
            audit.record(user, "action_item.decision", item, {**changes, **item_changes})
        else:
            audit.record(user, "agreement.decision", escalation.agreement, changes)
    return escalation


# -- district projects -------------------------------------------------------------------------------------------


def save_project(
    user: User,
    district: District,
    project: DistrictProject | None = None,
    *,
    agreements=(),
    plans=(),
    processes=(),
    version: str = "",
    **values,
) -> DistrictProject:
    """Create or change a district project with its links to agreements, plans and processes."""
    require(user, "districts.keep_projects", district)
    if any(agreement.district_id != district.pk for agreement in agreements):
        raise ValidationError({"agreements": [_("An agreement of another district cannot be linked.")]})
    with transaction.atomic():
        if project is None:
            project, before = DistrictProject(district=district), {}
        else:
            check_version(project, version)
            before = {**audit.snapshot(project, PROJECT_FIELDS), "agreements": _ids(project.agreements.all())}
        for name, value in values.items():
            setattr(project, name, value)
        project.save()
        project.agreements.set(agreements)
        project.plans.set(plans)
        project.processes.set(processes)
        after = {
            **audit.snapshot(project, PROJECT_FIELDS),
            "agreements": _ids(agreements),
            "plans": _ids(plans),
            "processes": _ids(processes),
        }
        audit.record(user, "district_project.save", project, audit.diff(before, after))
    return project


# -- reminders ---------------------------------------------------------------------------------------------------


def remind_overdue(base_url: str = "", today: datetime.date | None = None) -> int:
    """Mail every responsible department's staff and the district's managers about overdue items not reminded
    today (the daily command `remind_action_items`); the number of mails."""
    from stadtdialog.accounts.models import Role

    from .tasks_conferences import send_item_reminder

    today = today or timezone.localdate()
    overdue = list(
        ActionItem.objects.filter(due_on__lt=today)
        .exclude(status__in=[ActionItemStatus.DONE, ActionItemStatus.CONFIRMED])
        .exclude(reminded_on=today)
        .select_related("agreement__district", "unit")
        .order_by("due_on", "id")
    )
    if not overdue:
        return 0
    by_address: dict[str, list[ActionItem]] = {}
    unit_ids = {item.unit_id for item in overdue}
    district_ids = {item.agreement.district_id for item in overdue}
    roles = list(
        Role.objects.filter(user__is_active=True, kind__in=Role.UNIT_KINDS, org_unit_id__in=unit_ids).select_related(
            "user"
        )
    ) + list(
        Role.objects.filter(
            user__is_active=True, kind__in=Role.DISTRICT_KINDS, district_id__in=district_ids
        ).select_related("user")
    )
    for item in overdue:
        for role in roles:
            if role.org_unit_id == item.unit_id or (
                role.district_id and role.district_id == item.agreement.district_id
            ):
                address = (role.user.office_email or role.user.email).lower()
                if address and item not in by_address.setdefault(address, []):
                    by_address[address].append(item)
    with transaction.atomic():
        ActionItem.objects.filter(pk__in=[item.pk for item in overdue]).update(reminded_on=today)
        for item in overdue:
            audit.record(None, "action_item.remind", item, {"reminded_on": [None, today.isoformat()]})
        for address, items in by_address.items():
            ids = [item.pk for item in items]
            transaction.on_commit(lambda a=address, i=ids: send_item_reminder(a, i, _base(base_url)))
    return len(by_address)
