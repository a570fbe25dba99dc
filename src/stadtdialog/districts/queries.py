"""Reads of the district pages, the directory, the indicators and the work area, each with a fixed number of
queries. The public district list and page are cached (CACHE_SECONDS) under a version that every change of what
they show moves on (`invalidate`, connected to the models in apps.py), so a cached page is never stale for long
and a warm one costs no query for its content."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.events import queries as event_queries
from stadtdialog.organisation.models import District, Quarter
from stadtdialog.outcomes.models import Decision, Result
from stadtdialog.plans import queries as plan_queries
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Phase, Process

from . import charts
from .models import ContactPoint, Indicator, IndicatorValue, MonitoringNote, Network

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

T = TypeVar("T")
CACHE_SECONDS = 300
VERSION_KEY = "districts:version"
PAGE_LIMIT = 8  # plans, processes, results and decisions shown on the district page (the rest: the plan list)
EVENT_LIMIT = 6


# -- the cache --------------------------------------------------------------------------------------------


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(VERSION_KEY, version, None)
    return version


def invalidate(*args: object, **kwargs: object) -> None:
    """Move the version on: every cached district list and page is read anew (a signal receiver)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)


def _cached(key: str, build: Callable[[], T]) -> T:
    full_key = f"districts:{key}:{_version()}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, CACHE_SECONDS)
    return value


# -- the district list ------------------------------------------------------------------------------------


def _managers(district_ids: Iterable[int]) -> dict[int, dict[str, list]]:
    """{district id: {"managers": [...], "deputies": [...]}} of active accounts, as plain rows. One query."""
    found: dict[int, dict[str, list]] = defaultdict(lambda: {"managers": [], "deputies": []})
    roles = (
        Role.objects.filter(district_id__in=district_ids, kind__in=Role.DISTRICT_KINDS, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    for role in roles:
        user = role.user
        row = {
            "name": user.full_name or user.display_name,
            "phone": user.office_phone,
            "email": user.office_email,
            "address": user.office_address,
        }
        key = "managers" if role.kind == Role.Kind.DISTRICT_MANAGER else "deputies"
        found[role.district_id][key].append(row)
    return found


def district_list() -> list[dict]:
    """The districts in the order of their numbers with quarters and managers (cached; three queries cold)."""

    def build() -> list[dict]:
        districts = list(
            District.objects.select_related("council").prefetch_related(
                Prefetch("quarters", queryset=Quarter.objects.order_by("name").only("id", "name", "district_id"))
            )
        )
        managers = _managers([d.pk for d in districts])
        return [
            {
                "number": d.number,
                "name": d.name,
                "slug": d.slug,
                "url": reverse("districts:detail", args=[d.slug]),
                "quarters": [q.name for q in d.quarters.all()],
                "managers": managers[d.pk]["managers"],
                "boundary": d.boundary,
            }
            for d in districts
        ]

    return _cached("list", build)


def map_features(rows: list[dict]) -> list[dict]:
    """GeoJSON features of the districts that have a boundary (none: no map)."""
    return [
        {
            "type": "Feature",
            "geometry": row["boundary"],
            "properties": {"title": f"{row['number']:02d} {row['name']}", "url": row["url"]},
        }
        for row in rows
        if row["boundary"]
    ]


# -- the district page ------------------------------------------------------------------------------------


def district_for_page(slug: str) -> District:
    """The district with its council and profile (one query); 404 when there is none."""
    district = District.objects.select_related("council", "profile").filter(slug=slug).first()
    if district is None:
        raise Http404
    return district


def _running_processes(today: datetime.date) -> Exists:
    return Exists(Phase.objects.filter(process=OuterRef("pk"), start__lte=today, end__gte=today))


def _plan_rows(district: District, today: datetime.date) -> tuple[list[dict], int]:
    plans = plan_queries.filter_plans({"district_id": district.pk})
    rows = (
        plans.annotate(running=plan_queries.running_now(today))
        .select_related("lead_unit")
        .order_by("-running", "-published_at", "-id")
        .only("id", "title", "status", "summary", "lead_unit__short_name", "published_at")[: PAGE_LIMIT + 1]
    )
    rows = [
        {
            "title": p.title,
            "url": p.get_absolute_url(),
            "status": p.get_status_display(),
            "unit": p.lead_unit.short_name,
            "running": p.running,
        }
        for p in rows
    ]
    return rows[:PAGE_LIMIT], len(rows) > PAGE_LIMIT


def _public_processes(district: District) -> QuerySet[Process]:
    return Process.objects.filter(
        published_at__isnull=False,
        plan__published_at__isnull=False,
        plan__in=Plan.districts.through.objects.filter(district=district).values("plan_id"),
    )


def _process_rows(district: District, today: datetime.date) -> list[dict]:
    processes = (
        _public_processes(district)
        .annotate(running=_running_processes(today))
        .select_related("plan")
        .order_by("-running", "-published_at", "-id")[:PAGE_LIMIT]
    )
    return [
        {"title": p.title, "url": p.get_absolute_url(), "plan": p.plan.title, "running": p.running} for p in processes
    ]


def _event_rows(district: District, now: datetime.datetime) -> list[dict]:
    events = event_queries.public_events(district=district, now=now)[:EVENT_LIMIT]
    return [
        {
            "title": e.title,
            "url": reverse("events:detail", args=[e.pk]),
            "start": e.start,
            "place": e.place_name,
            "cancelled": e.cancelled_at is not None,
        }
        for e in events
    ]


def _outcome_rows(district: District) -> tuple[list[dict], list[dict]]:
    processes = _public_processes(district).values("pk")
    results = (
        Result.objects.filter(published_at__isnull=False, process__in=processes)
        .select_related("process")
        .order_by("-published_at", "-id")[:PAGE_LIMIT]
    )
    decisions = (
        Decision.objects.filter(published_at__isnull=False, process__in=processes)
        .select_related("process")
        .order_by("-published_at", "-id")[:PAGE_LIMIT]
    )
    return (
        [{"title": r.process.title, "url": r.process.get_absolute_url(), "date": r.published_at} for r in results],
        [
            {"title": d.process.title, "url": d.process.get_absolute_url(), "date": d.date or d.published_at}
            for d in decisions
        ],
    )


def _network_rows(district: District, public_only: bool = True) -> list[Network]:
    networks = Network.objects.filter(district=district).select_related("quarter")
    if public_only:
        networks = networks.filter(is_published=True)
    return list(networks)


def district_page(district: District, today: datetime.date | None = None) -> dict:
    """Everything the public district page shows besides the district itself (cached; a fixed number of queries
    cold, none warm for the content)."""
    now = timezone.now()
    today = today or timezone.localdate()

    def build() -> dict:
        plans, more_plans = _plan_rows(district, today)
        results, decisions = _outcome_rows(district)
        people = _managers([district.pk])[district.pk]
        return {
            "managers": people["managers"],
            "deputies": people["deputies"],
            "quarters": [q.name for q in district.quarters.order_by("name")],
            "plans": plans,
            "more_plans": more_plans,
            "processes": _process_rows(district, today),
            "events": _event_rows(district, now),
            "results": results,
            "decisions": decisions,
            "networks": _network_rows(district),
            "notes": list(MonitoringNote.objects.filter(district=district, is_public=True)),
            "indicators": indicator_sections(district),
            "contact_point_count": published_contact_points(district=district).count(),
        }

    # The hour is part of the key: events that have ended leave the page within the hour.
    return _cached(f"page:{district.pk}:{today.isoformat()}:{now.hour}", build)


# -- the directory ----------------------------------------------------------------------------------------


def published_contact_points(district: District | None = None, topic: str = "") -> QuerySet[ContactPoint]:
    """Published entries of the directory: the district's and the city-wide ones (or all, without a district)."""
    points = ContactPoint.objects.filter(is_published=True).select_related("district", "org_unit")
    if district is not None:
        points = points.filter(Q(district=district) | Q(district__isnull=True))
    if topic:
        points = points.filter(topics__icontains=topic)
    return points.order_by("district__number", "kind", "name", "id")


def directory_groups(points: Iterable[ContactPoint]) -> list[dict]:
    """The entries grouped by district (city-wide first): [{"district", "points"}]."""
    groups: list[dict] = []
    for point in points:
        if not groups or groups[-1]["district"] != point.district:
            groups.append({"district": point.district, "points": []})
        groups[-1]["points"].append(point)
    groups.sort(key=lambda group: -1 if group["district"] is None else group["district"].number)
    return groups


def topics_of(points: Iterable[ContactPoint]) -> list[str]:
    """The topics named in the entries, sorted, each once."""
    found = {topic.strip() for point in points for topic in point.topics.split(",") if topic.strip()}
    return sorted(found, key=str.casefold)


def editable_contact_points(user: User, district: District | None = None) -> QuerySet[ContactPoint]:
    from stadtdialog.accounts.rules import district_ids_of, is_city_wide_staff

    points = ContactPoint.objects.select_related("district", "person_account").order_by(
        "district__number", "kind", "name", "id"
    )
    if district is not None:
        points = points.filter(district=district)
    if is_city_wide_staff(user):
        return points
    return points.filter(district_id__in=district_ids_of(user))


# -- indicators -------------------------------------------------------------------------------------------


def _series(values: Iterable[IndicatorValue]) -> dict[int, Decimal]:
    return {v.year: v.value for v in values}


def indicator_sections(district: District) -> list[dict]:
    """Per indicator with values for the district: the years, the district's and the city's values, the chart's
    geometry and the quarters' values of the latest year. Three queries."""
    district_values = list(
        IndicatorValue.objects.filter(district=district).select_related("indicator").order_by("indicator__position")
    )
    if not district_values:
        return []
    indicator_ids = {v.indicator_id for v in district_values}
    city_values = IndicatorValue.objects.filter(
        indicator_id__in=indicator_ids, district__isnull=True, quarter__isnull=True
    )
    quarter_values = IndicatorValue.objects.filter(indicator_id__in=indicator_ids, quarter__district=district)
    city: dict[int, list] = defaultdict(list)
    for value in city_values:
        city[value.indicator_id].append(value)
    quarters: dict[int, list] = defaultdict(list)
    for value in quarter_values.select_related("quarter").order_by("quarter__name"):
        quarters[value.indicator_id].append(value)
    by_indicator: dict[int, list] = defaultdict(list)
    for value in district_values:
        by_indicator[value.indicator_id].append(value)
    sections = []
    for values in by_indicator.values():
        indicator = values[0].indicator
        own, city_series = _series(values), _series(city[indicator.pk])
        years = sorted(own)
        latest = years[-1]
        sections.append(
            {
                "indicator": indicator,
                "rows": [{"year": y, "value": own[y], "city": city_series.get(y)} for y in years],
                "latest": {"year": latest, "value": own[latest], "city": city_series.get(latest)},
                "sources": sorted({v.source for v in values if v.source}),
                "chart": charts.bar_chart(years, own, city_series if indicator.is_share and city_series else None),
                "quarters": [
                    {"name": v.quarter.name, "value": v.value} for v in quarters[indicator.pk] if v.year == latest
                ],
            }
        )
    return sections


def indicator_rows(district: District) -> QuerySet[IndicatorValue]:
    """Every value of the district and its quarters and the city's values of the same indicators, for the CSV."""
    indicator_ids = IndicatorValue.objects.filter(district=district).values("indicator_id")
    return (
        IndicatorValue.objects.filter(
            Q(district=district)
            | Q(quarter__district=district)
            | Q(indicator_id__in=indicator_ids, district__isnull=True, quarter__isnull=True)
        )
        .select_related("indicator", "district", "quarter")
        .order_by("indicator__position", "indicator__name", "district__number", "quarter__name", "year")
    )


def indicators_by_code() -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.all()}


# -- the work area ----------------------------------------------------------------------------------------


def work_area(district: District, user: User, now: datetime.datetime | None = None) -> dict:
    """The district's plans and processes in preparation, upcoming events, networks, notes and directory entries
    (a fixed number of queries)."""
    now = now or timezone.now()
    may_keep = user.has_perm("districts.change_district", district)
    linked = Plan.districts.through.objects.filter(district=district).values("plan_id")
    preparing = (
        Plan.objects.filter(pk__in=linked, status__in=[Plan.Status.IDEA, Plan.Status.PREPARATION])
        .select_related("lead_unit")
        .order_by("-updated_at", "-id")
    )
    processes = (
        Process.objects.filter(plan__in=linked, published_at__isnull=True)
        .select_related("plan", "plan__lead_unit")
        .order_by("-updated_at", "-id")
    )
    if not may_keep:  # council members see the public part: published plans, no process still in the making
        preparing = preparing.filter(published_at__isnull=False)
        processes = processes.none()
    data = {
        "preparing": list(preparing[:20]),
        "processes_in_preparation": list(processes[:20]),
        "events": _event_rows(district, now),
        "networks": _network_rows(district, public_only=not may_keep),
        "notes": list(MonitoringNote.objects.filter(district=district, **({} if may_keep else {"is_public": True}))),
        "contact_points": list(
            ContactPoint.objects.filter(district=district, **({} if may_keep else {"is_published": True}))
        ),
        "may_keep": may_keep,
    }
    return data


def districts_for_staff(user: User) -> list[District]:
    """The districts whose work area the user may open."""
    from stadtdialog.accounts.rules import district_ids_of, is_admin

    from .rules import council_district_ids_of

    districts = District.objects.order_by("number")
    if is_admin(user):
        return list(districts)
    return list(districts.filter(pk__in=district_ids_of(user) | council_district_ids_of(user)))


def staff_section(request: HttpRequest | None, district: District) -> dict | None:
    """The place "district_staff" of organisation's district page: the link to the district's work area."""
    return {"work_area_url": reverse("districts:staff_district", args=[district.slug])}
