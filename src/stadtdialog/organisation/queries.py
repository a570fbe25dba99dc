"""Reads of the organisation: districts and quarters for filters, the district of a map point, the city, the
OrgUnit tree and the districts for the staff pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404

from .models import City, District, DistrictCouncil, FieldOfAction, OrgUnit, Quarter

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import ForeignObjectRel, QuerySet
    from django.http import HttpRequest


def districts_with_quarters() -> QuerySet[District]:
    """The districts by number, each with its quarters."""
    return District.objects.prefetch_related("quarters").order_by("number")


def departments() -> QuerySet[OrgUnit]:
    """The departments that exist now (not dissolved), by short name."""
    return active_units().filter(kind=OrgUnit.Kind.DEPARTMENT)


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


def current_city(cached: dict | None = None) -> CityInfo:
    """The City row as CityInfo, from the shared cache (one cache read when warm; `cached`: what a read of
    CITY_CACHE_KEY already found). Before `load_city` the neutral fallback of the settings CITY_NAME, SITE_NAME and
    CITY_BOUNDS, so a fresh database still serves."""
    if cached is None:
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


# --- The OrgUnit tree -----------------------------------------------------------------------------


def active_units() -> QuerySet[OrgUnit]:
    """The units that exist now (not dissolved), by short name: the choices wherever a unit is chosen."""
    return OrgUnit.objects.filter(dissolved_at__isnull=True).order_by("short_name")


def unit_relations(children: bool = False, hidden: bool = False) -> list[ForeignObjectRel]:
    """The relations that point at an OrgUnit from any app (plans, events, staff, roles, …), found through the
    model's meta data, so that organisation names no app above it. `children`: with the tree's own parent link;
    `hidden`: also the foreign keys without a reverse name (related_name="+", e.g. a decision's responsible unit).
    Never the successor link (the history of dissolved units) nor the rows of automatic many-to-many tables (their
    ManyToManyRel stands for them)."""
    found = []
    for rel in OrgUnit._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        if rel.related_model is OrgUnit and rel.field.name == "successor":
            continue
        if rel.related_model._meta.auto_created:  # the through table of a many-to-many field
            continue
        if rel.hidden and not hidden:
            continue
        if rel.related_model is OrgUnit and rel.field.name == "parent" and not children:
            continue
        found.append(rel)
    return found


# Foreign keys that record who did something in the past (which unit answered, which unit published a concept
# version): on dissolution they keep the dissolved unit, whose row stays for exactly that history. Named as strings
# ("app.model.field"), so organisation imports no app above it.
KEPT_FOR_HISTORY = {"dialog.response.org_unit", "processes.conceptversion.org_unit"}


def relation_code(rel: ForeignObjectRel) -> str:
    return f"{rel.related_model._meta.label_lower}.{rel.field.name}"


def relations_taken_over() -> list[ForeignObjectRel]:
    """What a successor takes over from a dissolved unit: every relation, the units below included, except the
    records of the past."""
    return [rel for rel in unit_relations(children=True, hidden=True) if relation_code(rel) not in KEPT_FOR_HISTORY]


def relation_label(rel: ForeignObjectRel) -> str:
    """ "Vorhaben" for a visible relation; with the field's name for a hidden one ("Entscheidungen (…)")."""
    plural = str(rel.related_model._meta.verbose_name_plural)
    return f"{plural} ({rel.field.verbose_name})" if rel.hidden else plural


def unit_counts(
    unit_ids: Iterable[int] | None = None, relations: list[ForeignObjectRel] | None = None
) -> dict[int, list[tuple[str, int]]]:
    """{unit id: [(label, number), …]}: how many plans, events, staff members, roles … (or the given relations)
    point at each unit. One query per relation, whatever the number of units."""
    counts: dict[int, list[tuple[str, int]]] = {}
    for rel in sorted(unit_relations() if relations is None else relations, key=relation_label):
        rows = rel.related_model._base_manager.order_by()
        if unit_ids is not None:
            rows = rows.filter(**{f"{rel.field.name}__in": unit_ids})
        rows = rows.exclude(**{f"{rel.field.name}__isnull": True}).values(rel.field.name).annotate(number=Count("pk"))
        for row in rows:
            counts.setdefault(row[rel.field.name], []).append((relation_label(rel), row["number"]))
    return counts


@dataclass
class UnitNode:
    unit: OrgUnit
    children: list[UnitNode] = field(default_factory=list)
    counts: list[tuple[str, int]] = field(default_factory=list)
    can_edit: bool = False


def unit_tree(may_edit: Callable[[OrgUnit], bool] = lambda unit: True) -> list[UnitNode]:
    """The active units as a tree (roots first, each level by short name) with their counts.
    `may_edit(unit)`: whether the viewer may edit the unit's contact data."""
    units = list(active_units())
    counts = unit_counts()
    nodes = {u.pk: UnitNode(u, counts=counts.get(u.pk, []), can_edit=may_edit(u)) for u in units}
    roots = []
    for unit in units:
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def dissolved_units() -> QuerySet[OrgUnit]:
    """The dissolved units with their successors, latest first (kept for the history)."""
    return OrgUnit.objects.filter(dissolved_at__isnull=False).select_related("successor").order_by("-dissolved_at")


def unit_page(pk: int) -> OrgUnit:
    """One unit with its parent, successor and active units below it (children_list)."""
    unit = get_object_or_404(OrgUnit.objects.select_related("parent", "successor"), pk=pk)
    unit.children_list = list(unit.children.filter(dissolved_at__isnull=True).order_by("short_name"))
    return unit


def units_outside(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """Active units that are neither this unit nor below it: where it can move to, or who can succeed it."""
    return active_units().exclude(pk__in=OrgUnit.descendant_ids([unit.pk]))


# --- Districts and their councils -------------------------------------------------------------------


def districts_for_staff() -> QuerySet[District]:
    """The districts by number with their quarters and district council (three queries)."""
    return District.objects.select_related("council").prefetch_related("quarters").order_by("number")


def district_for_staff(pk: int) -> District:
    return get_object_or_404(districts_for_staff(), pk=pk)


def council_of(district: District) -> DistrictCouncil | None:
    try:
        return district.council
    except DistrictCouncil.DoesNotExist:
        return None


def city_for(request: HttpRequest) -> CityInfo:
    """current_city() once per request (kept on the request for the maps and the context processor), read in one
    cache query together with the footer's pages of core (kept as request._stadtdialog_footer for
    core.context_processors.pages): with the database cache every cache read is a query."""
    info = getattr(request, "_stadtdialog_city", None)
    if info is None:
        from stadtdialog.core.queries import FOOTER_CACHE_KEY

        found = getattr(request, "_stadtdialog_layout", None)  # read by the view with its own keys (core.queries)
        if found is None:
            found = cache.get_many([CITY_CACHE_KEY, FOOTER_CACHE_KEY])
            request._stadtdialog_footer = found.get(FOOTER_CACHE_KEY)
        info = request._stadtdialog_city = current_city(found.get(CITY_CACHE_KEY))
    return info


def office_contact_section(request: object, obj: object = None) -> dict | None:
    """The coordination office's contact on the 403 page (place "permission_denied"): whom to ask for a right."""
    office = active_units().filter(is_coordination_office=True).only("short_name", "name", "email", "phone").first()
    if office is None or not (office.email or office.phone):
        return None
    return {"office": office}
