"""Writes of the action programmes: the programme and the directors' conference's decision, prioritisation
rounds, needs (proposed by residents, taken over from a concern, entered from a conference), the answer to a need,
residents' points and the agreed priorities.

Every write checks its permission (`require`, rules_programmes.py), runs in one transaction and writes an audit
entry. Residents' points: `allocate` locks the resident's ballot row (`select_for_update`), replaces their
allocation rows (unique per round, resident and need) and moves the needs' kept totals by the difference with F()
expressions, in need order; so parallel votes of many residents (and of one resident in two tabs) lose nothing.
"""

from __future__ import annotations

import datetime
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.ratelimit import check_rate
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.dialog.models import Response
from stadtdialog.organisation.models import District, FieldOfAction

from .models.concerns import Concern
from .models.programmes import ActionProgramme, Allocation, Ballot, Need, PrioritisationRound, Priority

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

PROPOSAL_LIMIT = (5, timedelta(hours=1))  # needs a resident may propose per hour

PROGRAMME_FIELDS = ["title", "summary", "is_published", "decided_on", "outcome", "decision_text"]
ROUND_FIELDS = ["title", "opens_at", "closes_at", "points_per_resident"]
NEED_FIELDS = ["round", "field_of_action", "title", "text", "source", "source_on", "source_note", "concern"]
PRIORITY_FIELDS = ["title", "field_of_action", "description", "agreed_on", "agreed_at", "state", "state_note"]


# -- the programme ------------------------------------------------------------------------------------------


def save_programme(
    user: User,
    district: District,
    *,
    version: str = "",
    title: str,
    summary: str = "",
    is_published: bool = False,
    decided_on: datetime.date | None = None,
    outcome: str = "",
    decision_text: str = "",
) -> ActionProgramme:
    """Create or change the district's programme, with the directors' conference's decision (date and outcome
    together, or neither)."""
    require(user, "districts.manage_programme", district)
    if bool(decided_on) != bool(outcome):
        field = "outcome" if decided_on else "decided_on"
        raise ValidationError(
            {field: _("Please give both the date and the outcome of the directors' conference's decision.")}
        )
    values = dict(
        title=title,
        summary=summary,
        is_published=is_published,
        decided_on=decided_on,
        outcome=outcome,
        decision_text=decision_text,
    )
    with transaction.atomic():
        programme = ActionProgramme.objects.filter(district=district).first()
        if programme is None:
            programme = ActionProgramme.objects.create(district=district, **values)
            audit.record(
                user, "programme.create", programme, audit.diff({}, audit.snapshot(programme, PROGRAMME_FIELDS))
            )
            return programme
        check_version(programme, version)
        before = audit.snapshot(programme, PROGRAMME_FIELDS)
        for name, value in values.items():
            setattr(programme, name, value)
        programme.save()
        changes = audit.diff(before, audit.snapshot(programme, PROGRAMME_FIELDS))
        decided = {"decided_on", "outcome", "decision_text"} & set(changes)
        audit.record(user, "programme.decision" if decided else "programme.update", programme, changes)
    return programme


# -- rounds -------------------------------------------------------------------------------------------------


def save_round(
    user: User,
    programme: ActionProgramme,
    round_: PrioritisationRound | None = None,
    *,
    version: str = "",
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    points_per_resident: int,
) -> PrioritisationRound:
    """Create or change a round. The points per resident cannot change once residents have distributed points."""
    require(user, "districts.manage_programme", programme)
    # to the minute, as the form shows them (so that saving the form unchanged changes nothing)
    opens_at, closes_at = (moment.replace(second=0, microsecond=0) for moment in (opens_at, closes_at))
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The round must close after it opens.")})
    with transaction.atomic():
        if round_ is None:
            round_ = PrioritisationRound.objects.create(
                programme=programme,
                title=title,
                opens_at=opens_at,
                closes_at=closes_at,
                points_per_resident=points_per_resident,
            )
            audit.record(user, "programme.round_create", round_, audit.diff({}, audit.snapshot(round_, ROUND_FIELDS)))
            return round_
        check_version(round_, version)
        if round_.points_per_resident != points_per_resident and round_.ballots.exists():
            raise ValidationError(
                {"points_per_resident": _("Residents have distributed points already; the number cannot change.")}
            )
        before = audit.snapshot(round_, ROUND_FIELDS)
        round_.title, round_.opens_at, round_.closes_at = title, opens_at, closes_at
        round_.points_per_resident = points_per_resident
        round_.save()
        audit.record(user, "programme.round_update", round_, audit.diff(before, audit.snapshot(round_, ROUND_FIELDS)))
    return round_


def _open_round(round_: PrioritisationRound) -> PrioritisationRound:
    """The round as stored now (read inside the caller's transaction); ValidationError unless it is open."""
    current = PrioritisationRound.objects.select_related("programme", "programme__district").get(pk=round_.pk)
    now = timezone.now()
    if not current.programme.is_published or now < current.opens_at:
        raise ValidationError(_("This prioritisation round has not opened yet."))
    if now >= current.closes_at:
        raise ValidationError(
            _("This prioritisation round closed on %(date)s; nothing can be changed any more.")
            % {"date": timezone.localtime(current.closes_at).strftime("%d.%m.%Y, %H:%M")}
        )
    return current


# -- needs --------------------------------------------------------------------------------------------------


def _new_need(need: Need) -> dict:
    return audit.diff({}, audit.snapshot(need, NEED_FIELDS))


def propose_need(
    user: User, round_: PrioritisationRound, *, field_of_action: FieldOfAction, title: str, text: str
) -> Need:
    """A verified resident proposes a need in an open round (published at once, moderated afterwards as a
    contribution is; rate-limited)."""
    require(user, "districts.take_part_in_round", round_.programme)
    limit, period = PROPOSAL_LIMIT
    check_rate(
        user,
        "programme.need_propose",
        limit,
        period,
        message=_("You have proposed several needs in a short time. Please wait a while."),
    )
    with transaction.atomic():
        current = _open_round(round_)
        need = Need.objects.create(
            programme=current.programme,
            round=current,
            field_of_action=field_of_action,
            title=title,
            text=text,
            source=Need.Source.RESIDENT,
            author=user,
        )
        audit.record(user, "programme.need_propose", need, _new_need(need))
    return need


def _check_round_of(programme: ActionProgramme, round_: PrioritisationRound | None) -> None:
    if round_ is not None and round_.programme_id != programme.pk:
        raise ValidationError({"round": _("This round belongs to another programme.")})


def add_conference_need(
    user: User,
    programme: ActionProgramme,
    *,
    field_of_action: FieldOfAction,
    title: str,
    text: str,
    source_on: datetime.date | None,
    source_note: str,
    round: PrioritisationRound | None = None,
) -> Need:
    """Staff enter a need that came up in a district conference (its date and where, e.g. "Stadtbezirkskonferenz
    12.03.2027")."""
    require(user, "districts.manage_programme", programme)
    _check_round_of(programme, round)
    if source_on is None:
        raise ValidationError({"source_on": _("Please give the date of the conference.")})
    with transaction.atomic():
        need = Need.objects.create(
            programme=programme,
            round=round,
            field_of_action=field_of_action,
            title=title,
            text=text,
            source=Need.Source.CONFERENCE,
            source_on=source_on,
            source_note=source_note or _("Stadtbezirkskonferenz"),
            entered_by=user,
        )
        audit.record(user, "programme.need_conference", need, _new_need(need))
    return need


def take_over_concern(
    user: User,
    programme: ActionProgramme,
    concern: Concern,
    *,
    field_of_action: FieldOfAction,
    title: str,
    text: str,
    round: PrioritisationRound | None = None,
) -> Need:
    """Take a concern of the district over as a need: the link to the concern stays (for its staff), nothing of the
    resident's text, address or e-mail is copied; the title and description are written by staff."""
    require(user, "districts.manage_programme", programme)
    if concern.district_id != programme.district_id:
        raise ValidationError(_("This concern belongs to another district."))
    _check_round_of(programme, round)
    with transaction.atomic():
        if Need.objects.filter(programme=programme, concern=concern).exists():
            raise ValidationError(_("This concern has been taken over as a need already."))
        try:
            with transaction.atomic():
                need = Need.objects.create(
                    programme=programme,
                    round=round,
                    field_of_action=field_of_action,
                    title=title,
                    text=text,
                    source=Need.Source.CONCERN,
                    concern=concern,
                    entered_by=user,
                )
        except IntegrityError:
            raise ValidationError(_("This concern has been taken over as a need already.")) from None
        audit.record(user, "programme.need_concern", need, _new_need(need))
    return need


def answer_need(user: User, need: Need, *, status: str, text: str, version: str = "") -> Need:
    """The administration's public answer to a need, with a reason for every status but two (as for a
    contribution)."""
    require(user, "districts.manage_programme", need.programme)
    text = text.strip()
    if status not in Response.NO_REASON_NEEDED and not text:
        raise ValidationError(
            {
                "answer_text": _("Please give the reason for “%(status)s”: residents must be able to see why.")
                % {"status": Response.Status(status).label}
            }
        )
    with transaction.atomic():
        check_version(need, version, fields=["answer_status", "answer_text"])
        if (need.answer_status, need.answer_text) == (status, text):
            return need  # saved unchanged: the answer stays as it is, with its date
        before = audit.snapshot(need, ["answer_status", "answer_text"])
        need.answer_status, need.answer_text = status, text
        need.answered_at, need.answered_by = timezone.now(), user
        need.save(update_fields=["answer_status", "answer_text", "answered_at", "answered_by", "updated_at"])
        audit.record(user, "programme.need_answer", need, audit.diff(before, audit.snapshot(need, list(before))))
    return need


def flag_need(user, need: Need, reason: str):
    """Report a need to the moderators (the moderation app's flags; the moderators hide it there)."""
    from stadtdialog.moderation import services as moderation

    return moderation.flag(user, need, reason)


# -- points -------------------------------------------------------------------------------------------------


def _locked_ballot(round_: PrioritisationRound, user) -> Ballot:
    ballot = Ballot.objects.select_for_update().filter(round=round_, resident=user).first()
    if ballot is not None:
        return ballot
    try:
        with transaction.atomic():
            return Ballot.objects.create(round=round_, resident=user)
    except IntegrityError:  # made at the same moment in another request of the same resident
        return Ballot.objects.select_for_update().get(round=round_, resident=user)


def allocate(user: User, round_: PrioritisationRound, points: dict[int, int]) -> dict[int, int]:
    """Replace the resident's points in the round by `points` ({need id: points}; needs left out get none). The sum
    may not exceed the round's points per resident; the round must be open; only the round's visible needs count.
    Returns the points as stored."""
    require(user, "districts.take_part_in_round", round_.programme)
    if any(value < 0 for value in points.values()):
        raise ValidationError(_("Points cannot be negative."))
    with transaction.atomic():
        current = _open_round(round_)
        total = sum(points.values())
        if total > current.points_per_resident:
            raise ValidationError(
                _(
                    "You have given %(total)d points, but you have only %(limit)d to distribute. "
                    "Please take away %(over)d points."
                )
                % {"total": total, "limit": current.points_per_resident, "over": total - current.points_per_resident}
            )
        wanted = {need_id: value for need_id, value in points.items() if value > 0}
        offered = set(
            Need.objects.filter(round=current, hidden_at__isnull=True, pk__in=list(wanted)).values_list("pk", flat=True)
        )
        if set(wanted) - offered:
            raise ValidationError(_("One of the needs is no longer part of this round. Please check your points."))
        ballot = _locked_ballot(current, user)
        mine = Allocation.objects.filter(round=current, resident=user)
        old = dict(mine.values_list("need_id", "points"))
        if old == wanted:
            return old
        mine.delete()
        Allocation.objects.bulk_create(
            [
                Allocation(round=current, resident=user, need_id=need_id, points=value)
                for need_id, value in wanted.items()
            ]
        )
        for need_id in sorted(set(old) | set(wanted)):
            delta = wanted.get(need_id, 0) - old.get(need_id, 0)
            if delta:
                Need.objects.filter(pk=need_id).update(points_total=F("points_total") + delta)
        ballot.save(update_fields=["updated_at"])
        audit.record(user, "programme.points", current, {"points": [sum(old.values()), sum(wanted.values())]})
    return wanted


# -- priorities ---------------------------------------------------------------------------------------------


def save_priority(
    user: User,
    programme: ActionProgramme,
    priority: Priority | None = None,
    *,
    version: str = "",
    title: str,
    field_of_action: FieldOfAction,
    description: str = "",
    needs=(),
    agreed_on: datetime.date,
    agreed_at: str,
    state: str = Priority.State.AGREED,
    state_note: str = "",
) -> Priority:
    """Record (or change) a priority the district conference agreed, with the needs it takes up."""
    require(user, "districts.manage_programme", programme)
    needs = list(needs)
    if any(need.programme_id != programme.pk for need in needs):
        raise ValidationError({"needs": _("A need of another programme cannot be taken up.")})
    values = dict(
        title=title,
        field_of_action=field_of_action,
        description=description,
        agreed_on=agreed_on,
        agreed_at=agreed_at,
        state=state,
        state_note=state_note,
    )
    with transaction.atomic():
        if priority is None:
            priority = Priority.objects.create(programme=programme, **values)
            before = {}
        else:
            check_version(priority, version)
            before = {**audit.snapshot(priority, PRIORITY_FIELDS), "needs": sorted(n.pk for n in priority.needs.all())}
            for name, value in values.items():
                setattr(priority, name, value)
            priority.save()
        priority.needs.set(needs)
        after = {**audit.snapshot(priority, PRIORITY_FIELDS), "needs": sorted(n.pk for n in needs)}
        audit.record(
            user,
            "programme.priority_update" if before else "programme.priority_create",
            priority,
            audit.diff(before, after),
        )
    return priority
