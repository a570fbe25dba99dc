"""Writes of results and decisions. Every write checks permission, validates, runs in a transaction
and leaves an audit entry. Milestones and implementation updates are in services_implementation.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.sanitize import html_to_text, sanitize_html
from stadtdialog.dialog.models import Contribution
from stadtdialog.events.models import Event
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.plans.models import CouncilPaper, validate_council_paper_number
from stadtdialog.plans.uploads import checked_upload

from . import signals
from .models import Decision, Recommendation, Result, ResultDocument, Verdict

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


def result_of(process) -> Result:
    result, _created = Result.objects.get_or_create(process=process)
    return result


# --- results ---------------------------------------------------------------------------------------


def save_result(user, process, summary: str, recommendations: list[dict], contribution_ids=(), event_ids=()) -> Result:
    """Store the summary, the recommendations in order and the linked contributions and events.

    `recommendations` is a list of {"id": existing id or None, "text": ...}; an existing one that is
    missing from the list (or has no text) is removed, unless the decision has given its verdict on it."""
    require(user, CHANGE, process)
    summary = sanitize_html(summary or "")
    items = [{"id": r.get("id"), "text": (r.get("text") or "").strip()} for r in recommendations]
    contribution_ids = {int(i) for i in contribution_ids}
    event_ids = {int(i) for i in event_ids}
    errors = {}
    found = set(Contribution.objects.filter(process=process, pk__in=contribution_ids).values_list("pk", flat=True))
    if found != contribution_ids:
        errors["contributions"] = [_("Only contributions of this process can be linked.")]
    found = set(Event.objects.filter(process=process, pk__in=event_ids).values_list("pk", flat=True))
    if found != event_ids:
        errors["events"] = [_("Only events of this process can be linked.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        result = result_of(process)
        before = _result_snapshot(result)
        result.summary = summary
        result.save()
        existing = {r.pk: r for r in result.recommendations.select_related("verdict")}
        kept_ids, position = set(), 0
        for item in items:
            if not item["text"]:
                continue
            position += 1
            rec = existing.get(_int(item["id"]))
            if rec is None:
                rec = Recommendation.objects.create(result=result, text=item["text"], position=position)
            elif (rec.text, rec.position) != (item["text"], position):
                rec.text, rec.position = item["text"], position
                rec.save(update_fields=["text", "position"])
            kept_ids.add(rec.pk)
        gone = [r for pk, r in existing.items() if pk not in kept_ids]
        if any(hasattr(r, "verdict") for r in gone):
            raise ValidationError(
                {
                    "recommendations": [
                        _("A recommendation on which the decision has given its verdict cannot be removed.")
                    ]
                }
            )
        Recommendation.objects.filter(pk__in=[r.pk for r in gone]).delete()
        result.contributions.set(contribution_ids)
        result.events.set(event_ids)
        audit.record(user, "outcomes.save_result", result, audit.diff(before, _result_snapshot(result)))
    return result


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _result_snapshot(result) -> dict:
    if result.pk is None:
        return {}
    return {
        "summary": html_to_text(result.summary),
        "recommendations": [r.text for r in result.recommendations.order_by("position", "id")],
        "contributions": sorted(result.contributions.values_list("pk", flat=True)),
        "events": sorted(result.events.values_list("pk", flat=True)),
    }


def publish_result(user, process) -> Result:
    """Make the results public and tell the process's followers (once, after the commit)."""
    require(user, CHANGE, process)
    result = Result.objects.filter(process=process).first()
    errors = []
    if result is None or not html_to_text(result.summary):
        errors.append(_("Please write a summary of the results."))
    if result is None or not result.recommendations.exists():
        errors.append(_("Please give at least one recommendation."))
    if errors:
        raise ValidationError(errors)
    if result.is_published:
        return result
    with transaction.atomic():
        result.published_at = timezone.now()
        result.save(update_fields=["published_at", "updated_at"])
        audit.record(user, "outcomes.publish_result", result, {"published_at": [None, str(result.published_at)]})
        transaction.on_commit(lambda: signals.results_published.send(sender=Result, result=result))
    return result


def add_document(user, process, uploaded_file, title: str, alt_text: str = "") -> ResultDocument:
    require(user, CHANGE, process)
    title, alt_text = (title or "").strip(), (alt_text or "").strip()
    errors = {}
    try:
        kind, stored = checked_upload(uploaded_file)  # an image without its metadata
    except ValidationError as error:
        errors["file"] = error.messages
        kind = None
    if not title:
        errors["title"] = [_("Please give the document a title.")]
    if kind == "image" and not alt_text:
        errors["alt_text"] = [_("Please describe the image for people who cannot see it.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        result = result_of(process)
        document = ResultDocument.objects.create(
            result=result, title=title, file=stored, kind=kind, size=stored.size, alt_text=alt_text
        )
        audit.record(
            user, "outcomes.add_document", document, {"title": [None, title], "file": [None, document.file.name]}
        )
    return document


def delete_document(user, document: ResultDocument) -> None:
    require(user, CHANGE, document.result.process)
    with transaction.atomic():
        audit.record(user, "outcomes.delete_document", document, {"title": [document.title, None]})
        name, storage = document.file.name, document.file.storage
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))


# --- decision --------------------------------------------------------------------------------------


def decision_of(process) -> Decision:
    """The process's decision, or an unsaved one with the decision maker from the concept."""
    decision = Decision.objects.filter(process=process).select_related("council_paper").first()
    if decision is None:
        concept = getattr(process, "concept", None)
        decision = Decision(process=process, decision_maker=getattr(concept, "decision_maker", "") or "")
    return decision


def _clean_decision(data: dict, errors: dict) -> dict:
    values = {
        "decision_maker": (data.get("decision_maker") or "").strip(),
        "date": data.get("date") or None,
        "body": (data.get("body") or "").strip(),
        "text": sanitize_html(data.get("text") or ""),
        "responsible_kind": data.get("responsible_kind") or "",
        "responsible_unit": data.get("responsible_unit") or None,
        "responsible_name": (data.get("responsible_name") or "").strip(),
    }
    if not values["decision_maker"]:
        errors["decision_maker"] = [_("Please name the decision maker.")]
    if isinstance(values["responsible_unit"], (int, str)):
        values["responsible_unit"] = OrgUnit.objects.filter(pk=_int(values["responsible_unit"])).first()
    kind = values["responsible_kind"]
    if kind and kind not in Decision.Responsible.values:
        errors["responsible_kind"] = [_("Please choose who is responsible for the implementation.")]
    elif kind == Decision.Responsible.UNIT:
        values["responsible_name"] = ""
        if values["responsible_unit"] is None:
            errors["responsible_unit"] = [
                _("Please choose the administration unit responsible for the implementation.")
            ]
    elif kind:
        values["responsible_unit"] = None
        if not values["responsible_name"]:
            errors["responsible_name"] = [_("Please name the body or group responsible for the implementation.")]
    number = (data.get("council_paper_number") or "").strip()
    values["council_paper"] = None
    if number:
        try:
            validate_council_paper_number(number)
        except ValidationError as error:
            errors["council_paper_number"] = error.messages
        else:
            values["council_paper"] = number
    return values


def _clean_verdicts(recommendations, verdicts: dict, errors: dict) -> dict:
    """{recommendation id: (outcome, reason)} for every recommendation; a deviation needs a reason.

    Errors are keyed "outcome_<id>" and "reason_<id>" (the decision form's field names)."""
    cleaned = {}
    for number, rec in enumerate(recommendations, start=1):
        outcome, reason = verdicts.get(rec.pk, ("", ""))
        reason = (reason or "").strip()
        if outcome not in Verdict.Outcome.values:
            errors[f"outcome_{rec.pk}"] = [
                _("Recommendation %(number)s: please state whether the decision follows it.") % {"number": number}
            ]
        elif outcome != Verdict.Outcome.FOLLOWED and not reason:
            errors[f"reason_{rec.pk}"] = [
                _(
                    "Recommendation %(number)s: the decision deviates from it, so a reason is required. "
                    "The reason is published."
                )
                % {"number": number}
            ]
        cleaned[rec.pk] = (outcome, reason)
    return cleaned


def save_decision(user, process, data: dict, verdicts: dict, publish: bool = False) -> Decision:
    """Store the decision and a verdict on each recommendation of the results.

    `verdicts` maps a recommendation id to (outcome, reason). With `publish`, the decision becomes
    public; that needs published results, a date and the text of the decision."""
    require(user, CHANGE, process)
    result = Result.objects.filter(process=process).first()
    recommendations = list(result.recommendations.all()) if result else []
    errors: dict = {}
    values = _clean_decision(data, errors)
    cleaned = _clean_verdicts(recommendations, verdicts, errors)
    decision = decision_of(process)
    if publish or decision.is_published:
        if result is None or not result.is_published:
            errors.setdefault("__all__", []).append(_("The results must be published before the decision."))
        if not values["date"]:
            errors["date"] = [_("Please give the date of the decision.")]
        if not html_to_text(values["text"]):
            errors["text"] = [_("Please write down the decision.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if values["council_paper"]:
            values["council_paper"], _created = CouncilPaper.objects.get_or_create(number=values["council_paper"])
        before = audit.snapshot(decision, DECISION_FIELDS) if decision.pk else {}
        before_verdicts = {v.recommendation_id: v for v in decision.verdicts.all()} if decision.pk else {}
        for name, value in values.items():
            setattr(decision, name, value)
        if publish and not decision.is_published:
            decision.published_at = timezone.now()
        decision.save()
        changes = audit.diff(before, audit.snapshot(decision, DECISION_FIELDS))
        for number, rec in enumerate(recommendations, start=1):
            outcome, reason = cleaned[rec.pk]
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
