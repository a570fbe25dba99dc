"""Writes of the decision: the decision maker's decision, its council paper, who is responsible for the
implementation, and a verdict on each recommendation of the results."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.sanitize import html_to_text, sanitize_html
from stadtdialog.core.versioning import Derived, check_version
from stadtdialog.plans.models import CouncilPaper

from ..models import Decision, Result, Verdict

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User
    from stadtdialog.organisation.models import OrgUnit
    from stadtdialog.processes.models import Process

CHANGE = "outcomes.change_outcomes"
DECISION_FIELDS = [
    "decision_maker",
    "date",
    "body",
    "council_paper",
    "text",
    "responsible_kind",
    "responsible_unit",
    "responsible_name",
]


def _saved_decision(process: Process) -> Decision | None:
    return Decision.objects.filter(process=process).select_related("council_paper").first()


def _verdicts(process: Process) -> list:
    return sorted(
        Verdict.objects.filter(decision__process=process).values_list("recommendation_id", "outcome", "reason")
    )


def _council_paper_number(process: Process) -> str:
    decision = _saved_decision(process)
    return decision.council_paper.number if decision and decision.council_paper_id else ""


# What the decision form's version covers (core.versioning): the process row is locked, the decision and its
# verdicts are read again; a decision saved meanwhile (also the first one) makes the form stale.
DECISION_VERSION: dict[str, Derived] = {
    **{name: Derived.field_of(_saved_decision, name) for name in DECISION_FIELDS if name != "council_paper"},
    "council_paper_number": Derived("council_paper_number", _council_paper_number),
    "verdicts": Derived(
        gettext_lazy("Verdicts on the recommendations"),
        _verdicts,
        lambda process: (
            "; ".join(f"{outcome}: {reason}".strip(": ") for _r, outcome, reason in _verdicts(process)) or _("(empty)")
        ),
    ),
}


def decision_of(process: Process) -> Decision:
    """The process's decision, or an unsaved one with the decision maker from the concept."""
    decision = Decision.objects.filter(process=process).select_related("council_paper").first()
    if decision is None:
        concept = getattr(process, "concept", None)
        decision = Decision(process=process, decision_maker=getattr(concept, "decision_maker", "") or "")
    return decision


@transaction.atomic
def save_decision(
    user: User,
    process: Process,
    *,
    decision_maker: str,
    verdicts: dict[int, tuple[str, str]],
    date: datetime.date | None = None,
    body: str = "",
    council_paper_number: str = "",
    text: str = "",
    responsible_kind: str = "",
    responsible_unit: OrgUnit | None = None,
    responsible_name: str = "",
    publish: bool = False,
    version: str = "",
) -> Decision:
    """Store the decision and a verdict on each recommendation of the results.

    The fields come checked from DecisionForm (a deviation from a recommendation has a reason; the
    responsible unit or name fits `responsible_kind`). `verdicts` maps a recommendation id to
    (outcome, reason) and must cover every recommendation the results have at the time of saving.
    With `publish` the decision becomes public; a published decision needs published results, a date
    and the text of the decision.

    All in one transaction: the process row is locked and the decision read again first, so two first saves at the
    same moment make one decision (the second updates it, or with the form's `version` is refused as stale,
    core.versioning) instead of failing on the one-decision-per-process key."""
    require(user, CHANGE, process)
    check_version(process, version, extra=DECISION_VERSION)
    result = Result.objects.filter(process=process).first()
    recommendations = list(result.recommendations.all()) if result else []
    text = sanitize_html(text)
    errors: dict = {}
    for number, rec in enumerate(recommendations, start=1):
        if rec.pk not in verdicts:
            errors[f"outcome_{rec.pk}"] = [
                _("Recommendation %(number)s: please state whether the decision follows it.") % {"number": number}
            ]
    decision = decision_of(process)
    if publish or decision.is_published:
        if result is None or not result.is_published:
            errors.setdefault("__all__", []).append(_("The results must be published before the decision."))
        if not date:
            errors["date"] = [_("Please give the date of the decision.")]
        if not html_to_text(text):
            errors["text"] = [_("Please write down the decision.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        paper = CouncilPaper.objects.get_or_create(number=council_paper_number)[0] if council_paper_number else None
        before = audit.snapshot(decision, DECISION_FIELDS) if decision.pk else {}
        before_verdicts = {v.recommendation_id: v for v in decision.verdicts.all()} if decision.pk else {}
        decision.decision_maker, decision.date, decision.body, decision.text = decision_maker, date, body, text
        decision.council_paper = paper
        decision.responsible_kind = responsible_kind
        decision.responsible_unit = responsible_unit
        decision.responsible_name = responsible_name
        if publish and not decision.is_published:
            decision.published_at = timezone.now()
        decision.save()
        changes = audit.diff(before, audit.snapshot(decision, DECISION_FIELDS))
        for number, rec in enumerate(recommendations, start=1):
            outcome, reason = verdicts[rec.pk]
            if outcome == Verdict.Outcome.FOLLOWED:
                reason = ""
            old = before_verdicts.get(rec.pk)
            if old is None:
                Verdict.objects.create(decision=decision, recommendation=rec, outcome=outcome, reason=reason)
                changes[f"verdict {number}"] = [None, f"{outcome}: {reason}".strip(": ")]
            elif (old.outcome, old.reason) != (outcome, reason):
                changes[f"verdict {number}"] = [
                    f"{old.outcome}: {old.reason}".strip(": "),
                    f"{outcome}: {reason}".strip(": "),
                ]
                old.outcome, old.reason = outcome, reason
                old.save(update_fields=["outcome", "reason"])
        if publish and "published_at" not in changes and decision.published_at:
            changes["published_at"] = [None, str(decision.published_at)]
        audit.record(user, "outcomes.publish_decision" if publish else "outcomes.save_decision", decision, changes)
    return decision
