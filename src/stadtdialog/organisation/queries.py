"""Reads of the organisation: districts and quarters for filters, the district of a map point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import District, FieldOfAction, OrgUnit, Quarter

if TYPE_CHECKING:
    from django.db.models import QuerySet


def districts_with_quarters() -> QuerySet[District]:
    """The districts by number, each with its quarters."""
    return District.objects.prefetch_related("quarters").order_by("number")


def departments() -> QuerySet[OrgUnit]:
    """The departments by short name."""
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT).order_by("short_name")


def fields_of_action() -> QuerySet[FieldOfAction]:
    """The city's fields of action in their order."""
    return FieldOfAction.objects.all()


def locate(lat: float, lon: float) -> tuple[District | None, Quarter | None]:
    """The district and quarter whose imported boundary contains the point (None where unknown)."""
    quarter = next(
        (q for q in Quarter.objects.exclude(boundary=None).select_related("district") if q.contains(lat, lon)), None
    )
    if quarter is not None:
        return quarter.district, quarter
    district = next((d for d in District.objects.exclude(boundary=None) if d.contains(lat, lon)), None)
    return district, None
