"""Reads of the organisation: districts and quarters for filters, the district of a map point, the city."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import City, District, FieldOfAction, OrgUnit, Quarter

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


# --- The city this installation serves ----------------------------------------------------------------------------

CITY_CACHE_KEY = "organisation:city:1"
# The process cache is per process when no shared cache is configured (locmem): a `load_city` run in another
# process reaches a running server's cache after at most this long. With Redis it is at once.
CITY_CACHE_SECONDS = 300


@dataclass(frozen=True)
class CityInfo:
    """What the pages, e-mails and maps need of the City row (or of the fallback before `load_city`)."""

    slug: str
    name: str
    site_name: str
    bounds: tuple[float, float, float, float]
    logo_url: str = ""
    logo_alt: str = ""

    @property
    def is_loaded(self) -> bool:
        """False before `manage.py load_city` filled the City row: the neutral fallback of the settings."""
        return bool(self.slug)


def current_city() -> CityInfo:
    """The City row as CityInfo, from the process cache (no query when warm, one when cold). Before `load_city`
    the neutral fallback of the settings CITY_NAME, SITE_NAME and CITY_BOUNDS, so a fresh database still serves."""
    cached = cache.get(CITY_CACHE_KEY)
    if cached is None:
        row = City.objects.order_by("pk").first()
        if row is None:
            cached = {
                "slug": "",
                "name": settings.CITY_NAME,
                "site_name": settings.SITE_NAME,
                "bounds": tuple(settings.CITY_BOUNDS),
            }
        else:
            cached = {
                "slug": row.slug,
                "name": row.name,
                "site_name": row.site_name,
                "bounds": row.bounds,
                "logo_url": row.logo.url if row.logo else "",
                "logo_alt": row.logo_alt,
            }
        cache.set(CITY_CACHE_KEY, cached, CITY_CACHE_SECONDS)
    return CityInfo(**cached)


def forget_city(**kwargs: object) -> None:
    """Drop the cached city, now and once the transaction has committed (so no other process caches the row
    it read before the commit). Connected to every save and delete of the City row; `load_city` calls it too."""
    cache.delete(CITY_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CITY_CACHE_KEY))
