"""Reads of the public plan side: the filtered plan list, the map points and a plan's page.

Every function returns querysets whose number of SQL queries does not grow with the data:
districts and fields of action are prefetched for the current page only, "participation running
now" is an EXISTS subquery when filtering and one query per page for the list's badges, and
full-text search uses PostgreSQL's German configuration on the stored, GIN-indexed search vector
of migration 0003 (a plain word match on SQLite).
"""

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.expressions import Col
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter

from .filters import Participation, Sort
from .models import Attachment, CouncilPaper, Plan

MAP_POINT_LIMIT = 2000
SEARCH_CONFIG = "german"


def _phase_model():
    # processes sit above plans; the list only reads their phases, by name.
    return apps.get_model("processes", "Phase")


def _process_model():
    return apps.get_model("processes", "Process")


def _running_phases(today=None):
    today = today or timezone.localdate()
    return _phase_model().objects.filter(process__published_at__isnull=False, start__lte=today, end__gte=today)


def running_now(today=None) -> Exists:
    """True for a plan with a published process whose phase runs today (for filtering the whole list)."""
    return Exists(_running_phases(today).filter(process__plan=OuterRef("pk")))


def mark_running(plans) -> list:
    """Set plan.running_now on the plans of one page, with one query.

    Annotating the EXISTS on the list query instead makes PostgreSQL compute it for every plan
    (a hashed subplan over all running phases) even though only one page is shown.
    """
    plans = list(plans)
    running = set(
        _running_phases().filter(process__plan_id__in=[plan.pk for plan in plans]).values_list("process__plan_id", flat=True)
    )
    for plan in plans:
        plan.running_now = plan.pk in running
    return plans


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def search_vector() -> Col:
    """The column plans_plan.search_vector: to_tsvector('german', search_text), stored and indexed on
    PostgreSQL by migration 0003. It is not a model field, so it is referred to as a bare column."""
    field = SearchVectorField()
    field.set_attributes_from_name("search_vector")
    field.model = Plan
    return Col(Plan._meta.db_table, field)


def _search(queryset, q: str, ranked: bool):
    if uses_postgres_search():
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        queryset = queryset.alias(search=search_vector()).filter(search=query)
        if ranked:
            queryset = queryset.alias(rank=SearchRank(search_vector(), query))
        return queryset
    for word in q.split():
        queryset = queryset.filter(search_text__icontains=word.strip('"'))
    return queryset


def _overlapping(period) -> Q:
    """Plans whose expected schedule touches the period; a missing end means ongoing, plans without dates never match."""
    start, end = period
    condition = Q(schedule_start__isnull=False) | Q(schedule_end__isnull=False)
    if end:
        condition &= Q(schedule_start__lte=end) | Q(schedule_start__isnull=True)
    if start:
        condition &= Q(schedule_end__gte=start) | Q(schedule_end__isnull=True)
    return condition


def filter_plans(criteria: dict):
    """Published plans matching the criteria of PlanFilterForm.criteria(), sorted, not yet sliced."""
    plans = Plan.objects.published()
    if criteria.get("district_id"):
        plans = plans.filter(districts__id=criteria["district_id"])
    if criteria.get("quarter_id"):
        plans = plans.filter(quarters__id=criteria["quarter_id"])
    if criteria.get("field_id"):
        plans = plans.filter(fields_of_action__id=criteria["field_id"])
    if criteria.get("unit_id"):
        plans = plans.filter(lead_unit_id__in=OrgUnit.descendant_ids([criteria["unit_id"]]))
    if criteria.get("status"):
        plans = plans.filter(status=criteria["status"])
    participation = criteria.get("participation")
    if participation == Participation.RUNNING:
        plans = plans.filter(running_now())
    elif participation == Participation.PLANNED:
        plans = plans.filter(~running_now(), participation_planned=True)
    elif participation == Participation.NONE:
        plans = plans.filter(participation_planned=False)
    if criteria.get("period"):
        plans = plans.filter(_overlapping(criteria["period"]))
    sort = criteria.get("sort") or Sort.NEWEST
    if criteria.get("q"):
        plans = _search(plans, criteria["q"], ranked=sort == Sort.RELEVANCE)
    return plans.order_by(*_ordering(sort))


def _ordering(sort: str) -> list:
    if sort == Sort.TITLE:
        return ["title", "id"]
    if sort == Sort.START:
        return [F("schedule_start").asc(nulls_last=True), "title", "id"]
    if sort == Sort.RELEVANCE and uses_postgres_search():
        return ["-rank", "-published_at", "-id"]
    return ["-published_at", "-id"]


def with_list_columns(plans):
    """The columns a list item shows, with the lead unit joined."""
    return plans.select_related("lead_unit").only(
        "id", "title", "summary", "status", "is_citywide", "participation_planned", "schedule_start",
        "schedule_end", "schedule_note", "published_at", "latitude", "longitude", "cost_estimate",
        "lead_unit__id", "lead_unit__short_name", "lead_unit__name",
    )


def list_page(plans, choices) -> list:
    """The plans of one page with running_now, district_names and field_names set, in three small queries.

    Names come from the filter form's choices, which are loaded anyway; prefetch_related would build
    two querysets per plan, which costs more than the rest of the page's queries together.
    """
    plans = mark_running(plans)
    ids = [plan.pk for plan in plans]
    districts = _names_by_plan(
        Plan.districts.through.objects.filter(plan_id__in=ids).values_list("plan_id", "district_id"),
        [(pk, name) for pk, _slug, _number, name in choices.districts],
    )
    fields = _names_by_plan(
        Plan.fields_of_action.through.objects.filter(plan_id__in=ids).values_list("plan_id", "fieldofaction_id"),
        [(pk, name) for pk, _slug, name in choices.fields],
    )
    for plan in plans:
        plan.district_names = districts.get(plan.pk, [])
        plan.field_names = fields.get(plan.pk, [])
    return plans


def _names_by_plan(links, ordered_names) -> dict[int, list[str]]:
    position = {pk: index for index, (pk, _name) in enumerate(ordered_names)}
    names = dict(ordered_names)
    found: dict[int, list[int]] = {}
    for plan_id, other_id in links:
        found.setdefault(plan_id, []).append(other_id)
    return {plan_id: [names[pk] for pk in sorted(pks, key=position.__getitem__)] for plan_id, pks in found.items()}


def with_list_details(plans):
    """The list columns with districts and fields of action prefetched (for the feed and the CSV export)."""
    return with_list_columns(plans).prefetch_related(
        Prefetch("districts", queryset=District.objects.only("id", "number", "name", "slug")),
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.only("id", "name", "slug")),
    )


def with_export_details(plans):
    """The list details plus quarters and whether participation runs now, for the CSV export of all matches."""
    return with_list_details(plans).annotate(running_now=running_now()).prefetch_related(
        Prefetch("quarters", queryset=Quarter.objects.only("id", "name", "slug", "district_id")),
    )


def map_points(criteria: dict, limit: int | None = None) -> tuple[list, bool]:
    """Up to `limit` (MAP_POINT_LIMIT) plans with a map point as small rows, and whether there were more."""
    limit = limit or MAP_POINT_LIMIT
    plans = (
        filter_plans(criteria)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("lead_unit")
        .only("id", "title", "status", "latitude", "longitude", "published_at", "lead_unit__short_name")
    )
    rows = list(plans[: limit + 1])
    return rows[:limit], len(rows) > limit


def plan_for_page(pk: int) -> Plan:
    """A plan with everything its public page shows, in a fixed number of queries (drafts included; the view decides)."""
    Process = _process_model()
    Phase = _phase_model()
    processes = (
        Process.objects.filter(published_at__isnull=False)
        .select_related("lead_contact__org_unit", "deputy__org_unit", "concept")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))
        .order_by("created_at", "id")
    )
    queryset = Plan.objects.select_related("lead_unit__parent").prefetch_related(
        Prefetch("districts", queryset=District.objects.only("id", "number", "name", "slug")),
        Prefetch("quarters", queryset=Quarter.objects.only("id", "name", "slug", "district_id")),
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.only("id", "name", "slug")),
        Prefetch("council_papers", queryset=CouncilPaper.objects.order_by("-date", "number")),
        Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "id")),
        Prefetch("processes", queryset=processes, to_attr="published_processes"),
    )
    return get_object_or_404(queryset, pk=pk)
