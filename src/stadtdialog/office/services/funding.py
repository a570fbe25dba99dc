"""Funding rounds decided by a committee (issue 15): rounds and the committee, applications with their budget
plan (drafts, submission with a completeness check, screening, "more information needed" loops, the agenda),
the committee session (attendance, conflicts of interest, votes, quorum, decisions, minutes), payment dates
and the use-of-funds report.

A round's budget cannot be overcommitted: an approval locks the round's row (`select_for_update`), reads the
committed sum inside the lock, refuses an amount above what remains, and adds it to `committed` in the same
transaction; the CheckConstraint `office_round_not_overcommitted` is the database's last word. Amounts are
`Decimal` throughout."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.plans.uploads import stored_upload

from ..models_funding import (
    ZERO,
    AgendaItem,
    BudgetItem,
    Committee,
    CommitteeMember,
    CommitteeSession,
    ConflictOfInterest,
    FundingApplication,
    FundingRound,
    Instalment,
    ReportDocument,
    UseOfFundsReport,
    Vote,
)
from ..rules_funding import council_district_ids_of, member_of
from ..tasks import send_funding_mail

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from stadtdialog.accounts.models import User

State = FundingApplication.State
CENT = Decimal("0.01")


def euros(amount: Decimal) -> str:
    """An amount in the German format: "12.345,67 €"."""
    return f"{number_format(Decimal(amount).quantize(CENT), 2, force_grouping=True)} €"


def _mail(application_id: int, kind: str, base_url: str) -> None:
    transaction.on_commit(lambda: send_funding_mail.enqueue(application_id, kind, base_url))


# --- committee and rounds ------------------------------------------------------------------------------


def create_committee(user: User, *, name: str, quorum: int) -> Committee:
    require(user, "office.manage_funding")
    with transaction.atomic():
        committee = Committee.objects.create(name=name, quorum=quorum)
        audit.record(user, "funding.committee_create", committee, {"name": [None, name], "quorum": [None, quorum]})
    return committee


def add_committee_member(
    user: User,
    committee: Committee,
    member: User,
    *,
    is_chair: bool = False,
    is_external: bool = False,
    affiliation: str = "",
) -> CommitteeMember:
    require(user, "office.manage_funding")
    with transaction.atomic():
        if committee.members.filter(user=member).exists():
            raise ValidationError({"email": _("This person is already a member of the committee.")})
        seat = CommitteeMember.objects.create(
            committee=committee, user=member, is_chair=is_chair, is_external=is_external, affiliation=affiliation
        )
        audit.record(user, "funding.member_add", committee, {"member": [None, member.full_name or member.display_name]})
    return seat


def member_record_error(seat: CommitteeMember) -> str:
    """Why the seat cannot be removed, or "": a member who was present at a session, voted or declared a conflict
    of interest stays, because the minutes and the decisions name them (deleting the seat would delete their votes
    and take them out of the attendance, and a decided item would no longer show who decided it)."""
    if seat.votes.exists() or seat.conflicts.exists() or CommitteeSession.objects.filter(present=seat).exists():
        return _(
            "%(name)s has taken part in a session of the committee (present, voted or declared a conflict of "
            "interest). So that the minutes and the decisions stay complete, the membership is kept; their votes "
            "are not deleted."
        ) % {"name": seat.name}
    return ""


def remove_committee_member(user: User, seat: CommitteeMember) -> None:
    """Take a member off the committee; refused once they took part in a session (`member_record_error`). The seat
    row is locked, so that a vote or an attendance recorded at the same moment is not lost."""
    require(user, "office.manage_funding")
    with transaction.atomic():
        seat = (
            CommitteeMember.objects.select_for_update().select_related("user", "committee").filter(pk=seat.pk).first()
        )
        if seat is None:
            raise ValidationError(_("This member has already been removed from the committee."))
        error = member_record_error(seat)
        if error:
            raise ValidationError(error)
        audit.record(user, "funding.member_remove", seat.committee, {"member": [seat.name, None]})
        seat.delete()


ROUND_FIELDS = (
    "title",
    "description",
    "budget",
    "submission_deadline",
    "committee_date",
    "committee",
    "open_to_initiatives",
    "rules_page",
    "is_published",
)


def _check_round(data: dict, funding_round: FundingRound | None = None) -> None:
    """Check a round's values; the deadline is kept to the minute (as the form shows it)."""
    if data.get("submission_deadline"):
        data["submission_deadline"] = data["submission_deadline"].replace(second=0, microsecond=0)
    budget = data.get("budget")
    if budget is not None and budget <= 0:
        raise ValidationError({"budget": _("The budget must be more than 0 €.")})
    if funding_round is not None and budget is not None and budget < funding_round.committed:
        raise ValidationError(
            {
                "budget": _("%(committed)s are approved already; the budget cannot be less.")
                % {"committed": euros(funding_round.committed)}
            }
        )
    deadline, committee_date = data.get("submission_deadline"), data.get("committee_date")
    if deadline and committee_date and timezone.localtime(deadline).date() > committee_date:
        raise ValidationError({"committee_date": _("The committee meets after the submission deadline.")})


def create_round(user: User, *, slug: str, **data: object) -> FundingRound:
    require(user, "office.manage_funding")
    _check_round(data)
    with transaction.atomic():
        if FundingRound.objects.filter(slug=slug).exists():
            raise ValidationError({"slug": _("This address is taken by another round.")})
        funding_round = FundingRound.objects.create(slug=slug, created_by=user, **data)
        audit.record(
            user,
            "funding.round_create",
            funding_round,
            {"title": [None, funding_round.title], "budget": [None, euros(funding_round.budget)]},
        )
    return funding_round


def update_round(user: User, funding_round: FundingRound, *, version: str = "", **data: object) -> FundingRound:
    require(user, "office.manage_funding")
    with transaction.atomic():
        funding_round = FundingRound.objects.select_for_update().get(pk=funding_round.pk)
        check_version(funding_round, version)
        _check_round(data, funding_round)
        changes = {}
        for name, value in data.items():
            old = getattr(funding_round, name)
            if old != value:
                changes[name] = [str(old), str(value)]
                setattr(funding_round, name, value)
        funding_round.save()
        if changes:
            audit.record(user, "funding.round_update", funding_round, changes)
    return funding_round


# --- applications ----------------------------------------------------------------------------------------


def applicant_choices(user: User, funding_round: FundingRound) -> list[tuple[str, object]]:
    """Whom the user may apply for: (kind, unit or council or None) — their units, their district councils, and
    an initiative or association where the round allows it."""
    from stadtdialog.accounts.rules import is_department_staff, is_verified_participant
    from stadtdialog.organisation.models import DistrictCouncil, OrgUnit

    choices: list[tuple[str, object]] = []
    if is_department_staff(user):
        direct = {r.org_unit_id for r in user.roles if r.kind in ("department", "unit_lead") and r.org_unit_id}
        for unit in OrgUnit.objects.filter(pk__in=direct).order_by("name"):
            choices.append((FundingApplication.Kind.DEPARTMENT, unit))
    districts = council_district_ids_of(user)
    for council in DistrictCouncil.objects.filter(district_id__in=districts).select_related("district"):
        choices.append((FundingApplication.Kind.DISTRICT_COUNCIL, council))
    if funding_round.open_to_initiatives and is_verified_participant(user):
        choices.append((FundingApplication.Kind.INITIATIVE, None))
    return choices


APPLICATION_FIELDS = (
    "title",
    "purpose",
    "participation",
    "timeline",
    "district",
    "field_of_action",
    "organisation",
    "contact_name",
    "contact_email",
    "contact_phone",
    "own_funds",
    "other_funding",
    "requested_amount",
)


def _check_amounts(funding_round: FundingRound, data: dict, items: list[tuple[str, Decimal]]) -> None:
    """What holds already for a draft: no negative amount, no request above the round's budget."""
    errors: dict[str, list[str]] = {}
    for name in ("own_funds", "other_funding", "requested_amount"):
        if data.get(name) is not None and data[name] < 0:
            errors.setdefault(name, []).append(_("The amount must not be negative."))
    if any(amount <= 0 for _text, amount in items):
        errors.setdefault("budget_items", []).append(_("Every cost item needs an amount above 0 €."))
    requested = data.get("requested_amount") or ZERO
    if requested > funding_round.budget:
        errors.setdefault("requested_amount", []).append(
            _("The requested amount of %(requested)s is above the round's whole budget of %(budget)s.")
            % {"requested": euros(requested), "budget": euros(funding_round.budget)}
        )
    if errors:
        raise ValidationError(errors)


def _write_items(application: FundingApplication, items: list[tuple[str, Decimal]]) -> None:
    application.budget_items.all().delete()
    BudgetItem.objects.bulk_create(
        [
            BudgetItem(application=application, description=text, amount=amount, position=i)
            for i, (text, amount) in enumerate(items)
        ]
    )


def save_application(
    user: User,
    funding_round: FundingRound,
    *,
    kind: str = "",
    applicant: object = None,
    items: list[tuple[str, Decimal]],
    application: FundingApplication | None = None,
    submit: bool = False,
    base_url: str = "",
    now: datetime.datetime | None = None,
    **data: object,
) -> FundingApplication:
    """Save a draft (new or changed) and, with `submit`, submit it: the completeness check runs in the same
    transaction, so a refused submission changes nothing (the form keeps what was typed)."""
    now = now or timezone.now()
    with transaction.atomic():
        if application is None:
            require(user, "office.apply_for_funding", funding_round)
            allowed = applicant_choices(user, funding_round)
            if (kind, applicant) not in allowed:
                raise ValidationError({"applicant": _("You cannot apply on behalf of this organisation.")})
            application = FundingApplication(
                round=funding_round,
                kind=kind,
                org_unit=applicant if kind == FundingApplication.Kind.DEPARTMENT else None,
                district_council=applicant if kind == FundingApplication.Kind.DISTRICT_COUNCIL else None,
                created_by=user,
            )
        else:
            application = FundingApplication.objects.select_for_update().get(pk=application.pk)
            require(user, "office.change_funding_application", application)
            if not application.is_editable:
                raise ValidationError(_("This application has been submitted and can no longer be changed."))
        funding_round = FundingRound.objects.get(pk=application.round_id)
        _check_amounts(funding_round, data, items)
        created = application.pk is None
        for name in APPLICATION_FIELDS:
            if name in data:
                setattr(application, name, data[name])
        application.save()
        _write_items(application, items)
        audit.record(
            user, "funding.application_save", application, {"title": [None, application.title]} if created else {}
        )
        if submit:
            _submit(user, application, funding_round, items, base_url, now)
    return application


def completeness_errors(
    application: FundingApplication,
    funding_round: FundingRound,
    items: list[tuple[str, Decimal]],
    now: datetime.datetime,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if application.state == State.DRAFT and now > funding_round.submission_deadline:
        errors.setdefault("__all__", []).append(
            _(
                "The submission deadline of this round ended on %(deadline)s; the application can no longer be "
                "submitted."
            )
            % {"deadline": date_format(timezone.localtime(funding_round.submission_deadline), "j.n.Y, H:i")}
        )
    required = {
        "title": _("Please give the project a title."),
        "purpose": _("Please describe the purpose of the project."),
        "participation": _("Please describe how people take part."),
        "timeline": _("Please give the timeline."),
        "contact_name": _("Please name a contact person."),
        "contact_email": _("Please give the contact's e-mail address."),
    }
    for name, message in required.items():
        if not str(getattr(application, name) or "").strip():
            errors.setdefault(name, []).append(message)
    if not items:
        errors.setdefault("budget_items", []).append(_("Please list at least one cost item of the budget plan."))
    if application.requested_amount <= 0:
        errors.setdefault("requested_amount", []).append(_("Please give the amount you request."))
    total = sum((amount for _text, amount in items), ZERO)
    covered = application.own_funds + application.other_funding + application.requested_amount
    if items and total != covered:
        difference = total - covered
        errors.setdefault("budget_items", []).append(
            _(
                "The budget plan does not add up: the costs are %(total)s, own funds, other funding and the "
                "requested amount together %(covered)s – %(difference)s %(which)s."
            )
            % {
                "total": euros(total),
                "covered": euros(covered),
                "difference": euros(abs(difference)),
                "which": _("are not covered") if difference > 0 else _("too much are asked for"),
            }
        )
    return errors


def _submit(
    user: User,
    application: FundingApplication,
    funding_round: FundingRound,
    items: list[tuple[str, Decimal]],
    base_url: str,
    now: datetime.datetime,
) -> None:
    if application.state not in FundingApplication.EDITABLE:
        raise ValidationError(_("This application has been submitted already."))
    errors = completeness_errors(application, funding_round, items, now)
    if errors:
        raise ValidationError(errors)
    was = application.state
    application.state, application.submitted_at = State.SUBMITTED, now
    application.save(update_fields=["state", "submitted_at", "updated_at"])
    audit.record(
        user,
        "funding.application_resubmit" if was == State.MORE_INFO else "funding.application_submit",
        application,
        {"state": [was, State.SUBMITTED], "requested": [None, euros(application.requested_amount)]},
    )
    _mail(application.pk, "submitted", base_url)


def _locked(application: FundingApplication) -> FundingApplication:
    return FundingApplication.objects.select_for_update().get(pk=application.pk)


def request_more_information(
    user: User, application: FundingApplication, note: str, base_url: str = ""
) -> FundingApplication:
    """The office sends a submitted application back with a note; the applicant sees it and resubmits."""
    require(user, "office.manage_funding")
    if not note.strip():
        raise ValidationError({"note": _("Please write what is missing.")})
    with transaction.atomic():
        application = _locked(application)
        if application.state not in (State.SUBMITTED, State.ELIGIBLE):
            raise ValidationError(_("Only a submitted application can be sent back."))
        was = application.state
        application.state, application.info_request = State.MORE_INFO, note
        application.save(update_fields=["state", "info_request", "updated_at"])
        audit.record(user, "funding.more_info", application, {"state": [was, State.MORE_INFO], "note": [None, note]})
        _mail(application.pk, "more_info", base_url)
    return application


def screen_application(
    user: User,
    application: FundingApplication,
    *,
    eligible: bool,
    note: str = "",
    recommendation: str = "",
    recommended_amount: Decimal | None = None,
    base_url: str = "",
) -> FundingApplication:
    """The eligibility check: eligible (with the office's recommendation for the committee) or not eligible."""
    require(user, "office.manage_funding")
    with transaction.atomic():
        application = _locked(application)
        if application.state not in (State.SUBMITTED, State.ELIGIBLE):
            raise ValidationError(_("Only a submitted application can be screened."))
        if recommended_amount is not None and recommended_amount > application.requested_amount:
            raise ValidationError({"recommended_amount": _("The recommendation cannot be above the request.")})
        if not eligible and not note.strip():
            raise ValidationError({"note": _("Please give the reason why it is not eligible.")})
        was = application.state
        application.state = State.ELIGIBLE if eligible else State.INELIGIBLE
        application.screening_note = note
        application.recommendation, application.recommended_amount = recommendation, recommended_amount
        if not eligible:
            application.decision_reason = note
        application.save()
        audit.record(
            user,
            "funding.screen",
            application,
            {"state": [was, application.state], "recommendation": [None, recommendation]},
        )
        if not eligible:
            _mail(application.pk, "ineligible", base_url)
    return application


# --- sessions ------------------------------------------------------------------------------------------------


def create_session(user: User, funding_round: FundingRound, *, date: datetime.datetime, place: str) -> CommitteeSession:
    require(user, "office.manage_funding")
    with transaction.atomic():
        session = CommitteeSession.objects.create(round=funding_round, date=date, place=place)
        audit.record(
            user,
            "funding.session_create",
            session,
            {"date": [None, date_format(timezone.localtime(date), "j.n.Y H:i")]},
        )
    return session


def put_on_agenda(user: User, session: CommitteeSession, application: FundingApplication) -> AgendaItem:
    require(user, "office.manage_funding")
    with transaction.atomic():
        session = CommitteeSession.objects.select_for_update().get(pk=session.pk)
        application = _locked(application)
        if session.state == CommitteeSession.State.CLOSED:
            raise ValidationError(_("This session is closed."))
        if application.round_id != session.round_id:
            raise ValidationError(_("The application belongs to another round."))
        if application.state != State.ELIGIBLE:
            raise ValidationError(_("Only an application found eligible can be put on the agenda."))
        position = session.items.count() + 1
        item = AgendaItem.objects.create(session=session, application=application, position=position)
        application.state = State.ON_AGENDA
        application.save(update_fields=["state", "updated_at"])
        audit.record(user, "funding.agenda", application, {"state": [State.ELIGIBLE, State.ON_AGENDA]})
    return item


def set_attendance(user: User, session: CommitteeSession, members: list[CommitteeMember]) -> CommitteeSession:
    """Who is present; the session is then in session."""
    require(user, "office.manage_funding")
    with transaction.atomic():
        session = CommitteeSession.objects.select_for_update().get(pk=session.pk)
        if session.state == CommitteeSession.State.CLOSED:
            raise ValidationError(_("This session is closed."))
        if any(member.committee_id != session.round.committee_id for member in members):
            raise ValidationError(_("Only members of the committee can be present."))
        session.present.set(members)
        session.state = CommitteeSession.State.OPEN
        session.save(update_fields=["state", "updated_at"])
        audit.record(user, "funding.attendance", session, {"present": [None, len(members)]})
    return session


def declare_conflict(user: User, item: AgendaItem, reason: str) -> ConflictOfInterest:
    """A member declares a conflict of interest on an item: they are excluded from its vote and its documents
    (a vote they cast already is removed)."""
    member = member_of(user, item.session.round.committee_id)
    if member is None:
        raise ValidationError(_("Only members of the committee declare conflicts of interest."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Please give the reason briefly (e.g. “I chair the applying association”).")}
        )
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
        if item.outcome:
            raise ValidationError(_("This item is decided already."))
        conflict, created = ConflictOfInterest.objects.get_or_create(
            item=item, member=member, defaults={"reason": reason}
        )
        if not created:
            raise ValidationError(_("You have declared a conflict of interest on this item already."))
        Vote.objects.filter(item=item, member=member).delete()
        audit.record(user, "funding.conflict", item.application, {"conflict": [None, member.name]})
    return conflict


def cast_vote(user: User, item: AgendaItem, choice: str) -> Vote:
    member = member_of(user, item.session.round.committee_id)
    if member is None:
        raise ValidationError(_("Only members of the committee vote."))
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
        if item.outcome:
            raise ValidationError(_("This item is decided already."))
        if item.session.state != CommitteeSession.State.OPEN:
            raise ValidationError(_("Votes are cast while the session is in session."))
        if item.conflicts.filter(member=member).exists():
            raise ValidationError(
                _("You have declared a conflict of interest on this item and take no part in its vote.")
            )
        if not item.session.present.filter(pk=member.pk).exists():
            raise ValidationError(_("Only members present vote."))
        if choice not in Vote.Choice.values:
            raise ValidationError(_("Please choose yes, no or abstention."))
        vote, _created = Vote.objects.update_or_create(item=item, member=member, defaults={"choice": choice})
    return vote


def voting_members(item: AgendaItem) -> list[CommitteeMember]:
    """Members present without a conflict on the item."""
    conflicted = set(item.conflicts.values_list("member_id", flat=True))
    return [m for m in item.session.present.select_related("user") if m.pk not in conflicted]


def quorum_error(item: AgendaItem) -> str:
    """The German reason why the committee cannot decide this item, or ""."""
    quorum = item.session.round.committee.quorum
    voting = len(voting_members(item))
    if voting < quorum:
        return _(
            "The committee does not have a quorum for this item: %(voting)s members without a conflict are present, "
            "%(quorum)s are needed."
        ) % {"voting": voting, "quorum": quorum}
    return ""


def _next_round(funding_round: FundingRound) -> FundingRound | None:
    return (
        FundingRound.objects.filter(committee_date__gt=funding_round.committee_date)
        .order_by("committee_date", "pk")
        .first()
    )


def decide(
    user: User,
    item: AgendaItem,
    *,
    outcome: str,
    amount: Decimal | None = None,
    conditions: str = "",
    reason: str = "",
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> AgendaItem:
    """The committee's decision on an item, recorded by the office: approved (with an amount not above the
    request, with or without conditions), declined with a reason, or deferred to the next round.

    An approval locks the round's row first (always in the order round, item, application) and refuses an
    amount above what remains of the budget; `committed` grows in the same transaction."""
    require(user, "office.manage_funding")
    now = now or timezone.now()
    Outcome = AgendaItem.Outcome
    if outcome not in (Outcome.APPROVED, Outcome.APPROVED_CONDITIONS, Outcome.DECLINED, Outcome.DEFERRED):
        raise ValidationError({"outcome": _("Please choose a decision.")})
    approving = outcome in (Outcome.APPROVED, Outcome.APPROVED_CONDITIONS)
    if approving and (amount is None or amount <= 0):
        raise ValidationError({"amount": _("Please give the approved amount (more than 0 €).")})
    if outcome == Outcome.APPROVED_CONDITIONS and not conditions.strip():
        raise ValidationError({"conditions": _("Please write the conditions.")})
    if outcome == Outcome.DECLINED and not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for the decline.")})
    try:
        with transaction.atomic():
            session_round = item.session.round_id
            funding_round = FundingRound.objects.select_for_update().get(pk=session_round)
            item = AgendaItem.objects.select_for_update().select_related("session__round__committee").get(pk=item.pk)
            application = _locked(item.application)
            if item.outcome:
                raise ValidationError(_("This item is decided already."))
            if item.session.state != CommitteeSession.State.OPEN:
                raise ValidationError(_("Record the attendance first: decisions are taken in session."))
            missing = quorum_error(item)
            if missing:
                raise ValidationError(missing)
            voters = {m.pk for m in voting_members(item)}
            votes = [v for v in item.votes.all() if v.member_id in voters]
            yes = sum(v.choice == Vote.Choice.YES for v in votes)
            no = sum(v.choice == Vote.Choice.NO for v in votes)
            abstain = sum(v.choice == Vote.Choice.ABSTAIN for v in votes)
            if approving and yes <= no:
                raise ValidationError(
                    _("An approval needs more yes than no votes (yes: %(yes)s, no: %(no)s).") % {"yes": yes, "no": no}
                )
            if approving:
                if amount > application.requested_amount:
                    raise ValidationError(
                        {
                            "amount": _("The approved amount cannot be above the requested %(requested)s.")
                            % {"requested": euros(application.requested_amount)}
                        }
                    )
                if funding_round.committed + amount > funding_round.budget:
                    raise ValidationError(
                        {
                            "amount": _(
                                "Refused: the budget of the round would be overcommitted – %(remaining)s remain, "
                                "%(amount)s were to be approved."
                            )
                            % {"remaining": euros(funding_round.remaining), "amount": euros(amount)}
                        }
                    )
                funding_round.committed += amount
                funding_round.save(update_fields=["committed", "updated_at"])
                application.state, application.approved_amount = State.APPROVED, amount
                application.conditions = conditions if outcome == Outcome.APPROVED_CONDITIONS else ""
                application.decided_at = now
                application.report_due = application.report_due or (
                    funding_round.committee_date + datetime.timedelta(days=365)
                )
            elif outcome == Outcome.DECLINED:
                application.state, application.decision_reason, application.decided_at = State.DECLINED, reason, now
            else:
                following = _next_round(funding_round)
                if following is not None:
                    application.round, application.state = following, State.ELIGIBLE
                else:
                    application.state = State.DEFERRED
                application.decision_reason = reason
            application.save()
            item.outcome, item.amount = outcome, amount if approving else None
            item.conditions, item.reason = conditions, reason
            item.votes_yes, item.votes_no, item.votes_abstain, item.decided_at = yes, no, abstain, now
            item.save()
            audit.record(
                user,
                "funding.decide",
                application,
                {
                    "state": [State.ON_AGENDA, application.state],
                    "amount": [None, euros(amount) if approving else None],
                    "reason": [None, reason or None],
                },
            )
            _mail(application.pk, "decided", base_url)
    except IntegrityError as error:  # the CheckConstraint's last word
        raise ValidationError({"amount": _("Refused: the budget of the round would be overcommitted.")}) from error
    return item


def close_session(user: User, session: CommitteeSession, now: datetime.datetime | None = None) -> CommitteeSession:
    require(user, "office.manage_funding")
    with transaction.atomic():
        session = CommitteeSession.objects.select_for_update().get(pk=session.pk)
        if session.items.filter(outcome="").exists():
            raise ValidationError(_("Every item needs a decision before the session is closed."))
        session.state, session.closed_at = CommitteeSession.State.CLOSED, now or timezone.now()
        session.save(update_fields=["state", "closed_at", "updated_at"])
        audit.record(user, "funding.session_close", session, {"state": ["open", "closed"]})
    return session


# --- after the approval ----------------------------------------------------------------------------------------


def add_instalment(
    user: User, application: FundingApplication, *, due_date: datetime.date, amount: Decimal
) -> Instalment:
    require(user, "office.manage_funding")
    with transaction.atomic():
        application = _locked(application)
        if not application.is_funded:
            raise ValidationError(_("Payment dates belong to an approved application."))
        if amount <= 0:
            raise ValidationError({"amount": _("The amount must be more than 0 €.")})
        planned = sum((i.amount for i in application.instalments.all()), ZERO)
        if planned + amount > application.approved_amount:
            raise ValidationError(
                {
                    "amount": _("The payments would exceed the approved %(approved)s (%(planned)s planned already).")
                    % {"approved": euros(application.approved_amount), "planned": euros(planned)}
                }
            )
        instalment = Instalment.objects.create(application=application, due_date=due_date, amount=amount)
        audit.record(
            user, "funding.instalment", application, {"instalment": [None, f"{due_date:%d.%m.%Y}: {euros(amount)}"]}
        )
    return instalment


def mark_paid(user: User, instalment: Instalment, paid_on: datetime.date | None = None) -> Instalment:
    require(user, "office.manage_funding")
    with transaction.atomic():
        instalment = Instalment.objects.select_for_update().get(pk=instalment.pk)
        if instalment.paid_at:
            raise ValidationError(_("This instalment is paid already."))
        instalment.paid_at = paid_on or timezone.localdate()
        instalment.save(update_fields=["paid_at"])
        audit.record(user, "funding.paid", instalment.application, {"instalment": [None, str(instalment)]})
    return instalment


def submit_report(
    user: User,
    application: FundingApplication,
    *,
    summary: str,
    spent_amount: Decimal,
    documents: list[tuple[str, UploadedFile]],
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> UseOfFundsReport:
    """The applicant's use-of-funds report with its documents (checked by the form: check_upload)."""
    require(user, "office.change_funding_application", application)
    now = now or timezone.now()
    if spent_amount < 0:
        raise ValidationError({"spent_amount": _("The amount must not be negative.")})
    with transaction.atomic():
        application = _locked(application)
        if application.state != State.APPROVED:
            raise ValidationError(_("A use-of-funds report belongs to an approved application."))
        report = UseOfFundsReport.objects.filter(application=application).first()
        if report is not None and report.state != UseOfFundsReport.State.RETURNED:
            raise ValidationError(_("The report has been submitted already."))
        if report is None and not documents:
            raise ValidationError({"file": _("Please add at least one document (receipts, photos, flyer).")})
        report = report or UseOfFundsReport(application=application)
        report.summary, report.spent_amount = summary, spent_amount
        report.state, report.submitted_at = UseOfFundsReport.State.SUBMITTED, now
        report.save()
        for title, upload in documents:
            _kind, stored = stored_upload(upload)
            ReportDocument.objects.create(report=report, title=title or stored.name, file=stored)
        audit.record(user, "funding.report_submit", application, {"spent": [None, euros(spent_amount)]})
        _mail(application.pk, "report_submitted", base_url)
    return report


def review_report(
    user: User,
    report: UseOfFundsReport,
    *,
    accept: bool,
    note: str = "",
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> UseOfFundsReport:
    require(user, "office.manage_funding")
    with transaction.atomic():
        report = UseOfFundsReport.objects.select_for_update().get(pk=report.pk)
        application = _locked(report.application)
        if report.state != UseOfFundsReport.State.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be accepted or returned."))
        if not accept and not note.strip():
            raise ValidationError({"note": _("Please write what is to be changed.")})
        report.office_note = note
        if accept:
            report.state, report.accepted_at = UseOfFundsReport.State.ACCEPTED, now or timezone.now()
            application.state = State.COMPLETED
            application.save(update_fields=["state", "updated_at"])
        else:
            report.state = UseOfFundsReport.State.RETURNED
        report.save()
        audit.record(user, "funding.report_review", application, {"report": [None, report.state]})
        _mail(application.pk, "report_accepted" if accept else "report_returned", base_url)
    return report


def remind_reports(base_url: str = "", today: datetime.date | None = None) -> int:
    """Remind applicants whose use-of-funds report is due within 14 days or overdue (once a week at most); run by
    `office_daily`."""
    today = today or timezone.localdate()
    now = timezone.now()
    due = (
        FundingApplication.objects.filter(
            state=State.APPROVED, report_due__isnull=False, report_due__lte=today + datetime.timedelta(days=14)
        )
        .filter(Q(report__isnull=True) | Q(report__state=UseOfFundsReport.State.RETURNED))
        .filter(Q(report_reminded_at__isnull=True) | Q(report_reminded_at__lt=now - datetime.timedelta(days=7)))
    )
    count = 0
    with transaction.atomic():
        for application in due.select_for_update(of=("self",)):
            application.report_reminded_at = now
            application.save(update_fields=["report_reminded_at"])
            audit.record(
                None, "funding.report_reminder", application, {"due": [None, f"{application.report_due:%d.%m.%Y}"]}
            )
            _mail(application.pk, "report_reminder", base_url)
            count += 1
    return count
