"""Reads of the public process pages: a process with its phases, and its concept with goals and versions."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import ConceptVersion, Goal, Phase, Process


def _base():
    return Process.objects.select_related(
        "plan__lead_unit", "concept", "lead_contact__org_unit", "deputy__org_unit"
    ).prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))


def process_for_page(pk: int) -> Process:
    """A process with its plan, concept, contacts and phases (drafts included; the view decides)."""
    return get_object_or_404(_base(), pk=pk)


def process_for_concept(pk: int) -> Process:
    """As process_for_page, plus the concept's goals."""
    queryset = _base().prefetch_related(
        Prefetch("concept__goals", queryset=Goal.objects.order_by("position", "id")),
    )
    return get_object_or_404(queryset, pk=pk)


def latest_version(concept) -> ConceptVersion | None:
    if concept is None:
        return None
    return (
        ConceptVersion.objects.filter(concept=concept)
        .select_related("org_unit")
        .only("id", "number", "published_at", "change_note", "org_unit__short_name", "org_unit__name", "concept_id")
        .order_by("-number")
        .first()
    )
