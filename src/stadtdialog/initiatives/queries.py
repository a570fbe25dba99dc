"""Reads of the initiative pages, each in a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of

from .models import Initiative, InitiativeStep

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from stadtdialog.accounts.models import User

LIST_RELATED = ("district", "department", "process", "author")


def public_list(state: str = "", kind: str = "", district: str = "") -> QuerySet[Initiative]:
    """Initiatives for the public list, newest first, filtered by state, kind and district number."""
    queryset = Initiative.objects.select_related(*LIST_RELATED).order_by("-created_at", "-id")
    if state in Initiative.State.values:
        queryset = queryset.filter(state=state)
    if kind in Initiative.Kind.values:
        queryset = queryset.filter(kind=kind)
    if district == "gesamtstaedtisch":
        queryset = queryset.filter(district__isnull=True)
    elif district.isascii() and district.isdigit() and len(district) <= 3:
        queryset = queryset.filter(district__number=int(district))
    return queryset


def initiative_for_page(pk: int) -> Initiative:
    """An initiative with district, department, process and its steps (2 queries)."""
    steps = InitiativeStep.objects.select_related("department").order_by("created_at", "id")
    return get_object_or_404(
        Initiative.objects.select_related("district", "department", "process__plan", "author").prefetch_related(
            Prefetch("steps", queryset=steps)
        ),
        pk=pk,
    )


def staff_list(user: User, state: str = "") -> QuerySet[Initiative]:
    """Initiatives the user reviews (all for city-wide staff, else those of the user's units), oldest first."""
    queryset = Initiative.objects.select_related(*LIST_RELATED).order_by("created_at", "id")
    if not is_city_wide_staff(user):
        queryset = queryset.filter(department_id__in=unit_ids_of(user))
    if state == "offen":
        queryset = queryset.exclude(state__in=[Initiative.State.ACCEPTED, Initiative.State.DECLINED])
    elif state in Initiative.State.values:
        queryset = queryset.filter(state=state)
    return queryset
