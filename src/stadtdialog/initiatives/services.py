"""Writes of initiatives: submit, assign the responsible department, change the state, link the process.

Every write checks the permission, validates, runs in a transaction, adds a public step to the
initiative's history (for state changes) and writes an audit entry.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.organisation.models import OrgUnit

from .models import Initiative, InitiativeStep, IntakeDefault
from .rules import council_district_ids

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


def submit_initiative(user, data: dict) -> Initiative:
    """A resident's request or plan idea, or a council member's motion. `data` is InitiativeForm's
    cleaned_data: kind, title, description, district (a District or None for the whole city) and for a
    motion council_decision_date and motion_number. The form checks the fields; the service checks
    the permission for the kind and the council's district and date."""
    kind = data.get("kind")
    require(user, "initiatives.file_council_motion" if kind == Initiative.Kind.COUNCIL_MOTION else "initiatives.submit")
    errors = {}
    district = data.get("district")
    decision_date, number = data.get("council_decision_date"), data.get("motion_number") or ""
    if kind == Initiative.Kind.COUNCIL_MOTION:
        if district is None:
            errors["district"] = [_("A council motion belongs to the district of the council.")]
        elif council_district_ids(user) and district.pk not in council_district_ids(user):
            errors["district"] = [_("You can only file motions of your own district council.")]
        if decision_date is None:
            errors["council_decision_date"] = [_("Please give the date of the council's decision.")]
        elif decision_date > timezone.localdate():
            errors["council_decision_date"] = [_("The date of the decision cannot be in the future.")]
    else:
        decision_date, number = None, ""
    if errors:
        raise ValidationError(errors)
    default = IntakeDefault.objects.filter(district=district).select_related("department").first() if district else None
    with transaction.atomic():
        initiative = Initiative.objects.create(
            kind=kind,
            title=data["title"],
            description=data["description"],
            district=district,
            author=user,
            council_decision_date=decision_date,
            motion_number=number,
            state_changed_at=timezone.now(),
            department=default.department if default else None,
        )
        InitiativeStep.objects.create(
            initiative=initiative, state=initiative.state, actor=user, department=initiative.department
        )
        audit.record(user, "initiative.submit", initiative, audit.diff({}, audit.snapshot(initiative, AUDIT_FIELDS)))
    return initiative


def assign_department(user, initiative: Initiative, department: OrgUnit | None) -> Initiative:
    """The coordination office (or an admin) names the department that reviews the initiative."""
    require(user, "initiatives.assign", initiative)
    if department is None:
        raise ValidationError({"department": [_("Please choose the responsible department.")]})
    if department.pk == initiative.department_id:
        return initiative
    with transaction.atomic():
        before = audit.snapshot(initiative, ["department"])
        initiative.department = department
        initiative.save(update_fields=["department", "updated_at"])
        audit.record(
            user, "initiative.assign", initiative, audit.diff(before, audit.snapshot(initiative, ["department"]))
        )
    return initiative


def allowed_states(initiative: Initiative) -> tuple:
    return Initiative.TRANSITIONS[initiative.state]


def _check_process(user, initiative, process) -> list[str]:
    from stadtdialog.processes.rules import can_edit_process

    if process is None:
        return []
    if not can_edit_process(user, process):
        return [_("You can only link a process that you may edit.")]
    return []


def change_state(user, initiative: Initiative, state: str, reason: str = "", process=None) -> Initiative:
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


def link_process(user, initiative: Initiative, process) -> Initiative:
    """Name the participation process that follows an accepted initiative."""
    require(user, "initiatives.review", initiative)
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
