"""Writes of the results: the summary, the recommendations in order, the linked contributions and events,
publishing, and the result documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.sanitize import html_to_text, sanitize_html
from stadtdialog.core.versioning import Derived, check_version

from .. import signals
from ..models import Recommendation, Result, ResultDocument

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User
    from stadtdialog.dialog.models import Contribution
    from stadtdialog.events.models import Event
    from stadtdialog.processes.models import Process

CHANGE = "outcomes.change_outcomes"


class RecommendationItem(TypedDict):
    """One recommendation as the results form sends it: an existing one's id (or None) and its text."""

    id: int | None
    text: str


def _saved_result(process: Process) -> Result | None:
    return Result.objects.filter(process=process).first()


def _recommendations(process: Process) -> list[str]:
    return list(
        Recommendation.objects.filter(result__process=process).order_by("position", "id").values_list("text", flat=True)
    )


def _linked(name: str) -> Callable[[Process], list[int]]:
    def ids(process: Process) -> list[int]:
        result = _saved_result(process)
        return sorted(getattr(result, name).values_list("pk", flat=True)) if result else []

    return ids


# What the results form's version covers (core.versioning); the process row is the one locked.
RESULT_VERSION: dict[str, Derived] = {
    "summary": Derived.field_of(_saved_result, "summary"),
    "recommendations": Derived(
        gettext_lazy("Recommendations"), _recommendations, lambda process: "; ".join(_recommendations(process))
    ),
    "contributions": Derived(
        "contributions", _linked("contributions"), lambda p: str(len(_linked("contributions")(p)))
    ),
    "events": Derived("events", _linked("events"), lambda p: str(len(_linked("events")(p)))),
}


def result_of(process: Process) -> Result:
    """The process's results, created empty on first use."""
    result, _created = Result.objects.get_or_create(process=process)
    return result


def save_result(
    user: User,
    process: Process,
    *,
    summary: str,
    recommendations: Sequence[RecommendationItem],
    contributions: Iterable[Contribution] = (),
    events: Iterable[Event] = (),
    version: str = "",
) -> Result:
    """Store the summary, the recommendations in order and the linked contributions and events.

    An existing recommendation that is missing from `recommendations` (or has no text) is removed,
    unless the decision has given its verdict on it. Only the process's own contributions and events
    can be linked."""
    require(user, CHANGE, process)
    contributions, events = list(contributions), list(events)
    errors = {}
    if any(c.process_id != process.pk for c in contributions):
        errors["contributions"] = [_("Only contributions of this process can be linked.")]
    if any(e.process_id != process.pk for e in events):
        errors["events"] = [_("Only events of this process can be linked.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        check_version(process, version, extra=RESULT_VERSION)  # `version`: the form's token (core.versioning)
        result = result_of(process)
        before = _result_snapshot(result)
        result.summary = sanitize_html(summary)
        result.save()
        existing = {r.pk: r for r in result.recommendations.select_related("verdict")}
        kept_ids, position = set(), 0
        for item in recommendations:
            text = item["text"].strip()
            if not text:
                continue
            position += 1
            rec = existing.get(item["id"])
            if rec is None:
                rec = Recommendation.objects.create(result=result, text=text, position=position)
            elif (rec.text, rec.position) != (text, position):
                rec.text, rec.position = text, position
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
        result.contributions.set(contributions)
        result.events.set(events)
        audit.record(user, "outcomes.save_result", result, audit.diff(before, _result_snapshot(result)))
    return result


def _result_snapshot(result: Result) -> dict:
    if result.pk is None:
        return {}
    return {
        "summary": html_to_text(result.summary),
        "recommendations": [r.text for r in result.recommendations.order_by("position", "id")],
        "contributions": sorted(result.contributions.values_list("pk", flat=True)),
        "events": sorted(result.events.values_list("pk", flat=True)),
    }


def publish_result(user: User, process: Process) -> Result:
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


def add_document(
    user: User, process: Process, *, file: File, kind: str, title: str, alt_text: str = ""
) -> ResultDocument:
    """Attach a document to the results; `file` and `kind` come checked from DocumentForm
    (plans.uploads.checked_upload: an image is re-encoded without its metadata)."""
    require(user, CHANGE, process)
    with transaction.atomic():
        result = result_of(process)
        document = ResultDocument.objects.create(
            result=result, title=title, file=file, kind=kind, size=file.size, alt_text=alt_text
        )
        audit.record(
            user, "outcomes.add_document", document, {"title": [None, title], "file": [None, document.file.name]}
        )
    return document


def delete_document(user: User, document: ResultDocument) -> None:
    """Remove a result document; its file leaves the storage after the commit."""
    require(user, CHANGE, document.result.process)
    with transaction.atomic():
        audit.record(user, "outcomes.delete_document", document, {"title": [document.title, None]})
        name, storage = document.file.name, document.file.storage
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))
