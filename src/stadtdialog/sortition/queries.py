"""Reads of the sortition pages, each in a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from .models import Feature, FeatureValue, Replacement, Respondent, RespondentValue, SelectionRun, Sortition

if TYPE_CHECKING:
    from django.db.models import QuerySet


def staff_sortitions() -> QuerySet[Sortition]:
    """Every sortition with its process and the number of its respondents."""
    return Sortition.objects.select_related("process").annotate(respondent_count=Count("respondents", distinct=True))


def staff_sortition(pk: int) -> Sortition:
    """A sortition with process, lottery, draw and the counts of register entries, invitations and respondents."""
    return get_object_or_404(
        Sortition.objects.select_related("process", "lottery", "draw").annotate(
            register_count=Count("register_entries", distinct=True),
            invited_count=Count(
                "register_entries", filter=Q(register_entries__invited_at__isnull=False), distinct=True
            ),
            respondent_count=Count("respondents", distinct=True),
        ),
        pk=pk,
    )


def features_with_values(sortition: Sortition) -> list[Feature]:
    """The sortition's features, each with its values."""
    return list(sortition.features.prefetch_related("values"))


def latest_runs(sortition: Sortition, summary_only: bool = False) -> dict[str, SelectionRun]:
    """The newest finished run per algorithm (one query each, whatever the number of runs); with
    `summary_only` without the probabilities and panels (for pages that show only the figures)."""
    runs = {}
    done = sortition.runs.filter(status=SelectionRun.Status.DONE)
    if summary_only:
        done = done.defer("probabilities", "panels", "weights")
    for algorithm in SelectionRun.Algorithm.values:
        run = done.filter(algorithm=algorithm).first()
        if run is not None:
            runs[algorithm] = run
    return runs


RUNS_SHOWN = 20


def recent_runs(sortition: Sortition) -> tuple[list[SelectionRun], bool]:
    """The newest runs of any status for the selection page (without their probabilities) in one query,
    and whether there are more."""
    runs = list(sortition.runs.defer("probabilities", "panels", "weights")[: RUNS_SHOWN + 1])
    return runs[:RUNS_SHOWN], len(runs) > RUNS_SHOWN


def respondents(sortition: Sortition) -> QuerySet[Respondent]:
    """All respondents with their register entry and answers (two queries however many there are)."""
    return (
        sortition.respondents.select_related("register_entry")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=RespondentValue.objects.select_related("value").order_by("feature__position", "feature_id"),
            )
        )
        .order_by("pseudonym")
    )


def quota_rows(sortition: Sortition) -> list[FeatureValue]:
    """Every feature value with its quota and how many in the pool (not dropped out) have it."""
    return list(
        FeatureValue.objects.filter(feature__sortition=sortition)
        .select_related("feature__sortition", "quota")
        .annotate(
            pool_count=Count("respondents", filter=~Q(respondents__status=Respondent.Status.DROPPED), distinct=True),
            panel_count=Count("respondents", filter=Q(respondents__status=Respondent.Status.SELECTED), distinct=True),
        )
        .order_by("feature__position", "feature_id", "position", "id")
    )


def public_sortition(pk: int) -> Sortition:
    """A sortition past its setup, for the public page, with the number of its respondents."""
    return get_object_or_404(
        Sortition.objects.exclude(state=Sortition.State.SETUP)
        .select_related("process", "lottery", "draw")
        .annotate(respondent_count=Count("respondents", distinct=True)),
        pk=pk,
    )


def replacements(sortition: Sortition) -> QuerySet[Replacement]:
    """The replacements of the sortition, with the member who dropped out and the one who followed."""
    return Replacement.objects.filter(sortition=sortition).select_related("dropped", "replacement")


def panel_members(sortition: Sortition) -> QuerySet[Respondent]:
    """The selected respondents by pseudonym, with their register entry."""
    return (
        sortition.respondents.filter(status=Respondent.Status.SELECTED)
        .select_related("register_entry")
        .order_by("pseudonym")
    )
