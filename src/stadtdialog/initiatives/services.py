"""Writes of initiatives: submit, assign the responsible department, change the state, link the process.

Every write checks the permission and the rules that cross objects, runs in a transaction, adds a public step to the
initiative's history (for state changes) and writes an audit entry.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.organisation.models import OrgUnit

from .models import Initiative, InitiativeStep, IntakeDefault
from .rules import council_district_ids

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User
    from stadtdialog.organisation.models import District
    from stadtdialog.processes.models import Process

AUDIT_FIELDS = [
    "kind",
    "title",
    "description",
    "district",
    "council_decision_date",
    "motion_number",
    "state",
    "state_reason",
    "department",
    "process",
]


def submit_initiative(
    user: User,
    *,
    kind: str,
    title: str,
    description: str,
    district: District | None = None,
    council_decision_date: datetime.date | None = None,
    motion_number: str = "",
) -> Initiative:
    """A resident's request or plan idea, or a council member's motion (district None: the whole city),
    as InitiativeForm checked it. The service checks the permission for the kind and that a motion
    comes from the member's own district council; a request or idea keeps no decision date or number."""
    is_motion = kind == Initiative.Kind.COUNCIL_MOTION
    require(user, "initiatives.file_council_motion" if is_motion else "initiatives.submit")
    if is_motion:
        own = council_district_ids(user)
        if own and (district is None or district.pk not in own):
            raise ValidationError({"district": [_("You can only file motions of your own district council.")]})
    else:
        council_decision_date, motion_number = None, ""
    default = IntakeDefault.objects.filter(district=district).select_related("department").first() if district else None
    with transaction.atomic():
        initiative = Initiative.objects.create(
            kind=kind,
            title=title,
            description=description,
            district=district,
            author=user,
            council_decision_date=council_decision_date,
            motion_number=motion_number,
            state_changed_at=timezone.now(),
            department=default.department if default else None,
        )
        InitiativeStep.objects.create(
            initiative=initiative, state=initiative.state, actor=user, department=initiative.department
        )
        audit.record(user, "initiative.submit", initiative, audit.diff({}, audit.snapshot(initiative, AUDIT_FIELDS)))
    return initiative


def assign_department(
    user: User, initiative: Initiative, department: OrgUnit | None, *, version: str = ""
) -> Initiative:
    """The coordination office (or an admin) names the department that reviews the initiative. `version` is
    the form's token: an assignment from a stale form raises StaleEdit (core.versioning)."""
    require(user, "initiatives.assign", initiative)
    if department is None:
        raise ValidationError({"department": [_("Please choose the responsible department.")]})
    with transaction.atomic():
        check_version(initiative, version)
        if department.pk == initiative.department_id:
            return initiative
        before = audit.snapshot(initiative, ["department"])
        initiative.department = department
        initiative.save(update_fields=["department", "updated_at"])
        audit.record(
            user, "initiative.assign", initiative, audit.diff(before, audit.snapshot(initiative, ["department"]))
        )
    return initiative


def allowed_states(initiative: Initiative) -> tuple[str, ...]:
    """The states the initiative may move to from its current one."""
    return Initiative.TRANSITIONS[initiative.state]


def _check_process(user: User, initiative: Initiative, process: Process | None) -> list[str]:
    """Errors when the user may not edit the process that is to be linked."""
    from stadtdialog.processes.rules import can_edit_process

    if process is None:
        return []
    if not can_edit_process(user, process):
        return [_("You can only link a process that you may edit.")]
    return []


def change_state(
    user: User, initiative: Initiative, state: str, reason: str = "", process: Process | None = None
) -> Initiative:
    """Move the initiative to a new public state; a decline needs a reason; an accepted one may name its process."""
    require(user, "initiatives.review", initiative)
    errors = {}
    if state not in allowed_states(initiative):
        errors["state"] = [
            _("From “%(current)s” the initiative cannot move to this state.")
            % {"current": initiative.get_state_display()}
        ]
    if state == Initiative.State.DECLINED and not reason:
        errors["reason"] = [_("Please give the reason for declining. It is published with the initiative.")]
    if process is not None and state != Initiative.State.ACCEPTED:
        errors["process"] = [_("Only an accepted initiative links to a participation process.")]
    elif process_errors := _check_process(user, initiative, process):
        errors["process"] = process_errors
    if errors:
        raise ValidationError(errors)
    fields = ["state", "state_reason", "process"]
    with transaction.atomic():
        before = audit.snapshot(initiative, fields)
        initiative.state, initiative.state_reason, initiative.state_changed_at = state, reason, timezone.now()
        if process is not None:
            initiative.process = process
        initiative.save(update_fields=["state", "state_reason", "state_changed_at", "process", "updated_at"])
        InitiativeStep.objects.create(
            initiative=initiative, state=state, note=reason, actor=user, department=initiative.department
        )
        audit.record(user, "initiative.state", initiative, audit.diff(before, audit.snapshot(initiative, fields)))
    return initiative


def link_process(user: User, initiative: Initiative, process: Process | None, *, version: str = "") -> Initiative:
    """Name the participation process that follows an accepted initiative. `version` is the form's token: a
    link from a stale form raises StaleEdit (core.versioning); the process it has already is kept as it is."""
    require(user, "initiatives.review", initiative)
    with transaction.atomic():
        check_version(initiative, version)
        if process is not None and process.pk == initiative.process_id:
            return initiative
    errors = []
    if initiative.state != Initiative.State.ACCEPTED:
        errors.append(_("Only an accepted initiative links to a participation process."))
    if process is None:
        errors.append(_("Please choose the participation process."))
    errors += _check_process(user, initiative, process)
    if errors:
        raise ValidationError({"process": errors})
    with transaction.atomic():
        before = audit.snapshot(initiative, ["process"])
        initiative.process = process
        initiative.save(update_fields=["process", "updated_at"])
        audit.record(
            user, "initiative.link_process", initiative, audit.diff(before, audit.snapshot(initiative, ["process"]))
        )
    return initiative
