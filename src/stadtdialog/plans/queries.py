"""Reads of the public plan side: the filtered plan list, the map points and a plan's page.

Every function returns querysets whose number of SQL queries does not grow with the data:
districts, fields of action and "participation running now" of the current page come in one query
(list_page), "participation running now" is an EXISTS subquery when filtering, and
full-text search is forgiving (core/textsearch.py) and uses PostgreSQL's German configuration on the stored,
weighted, GIN-indexed search vector of migration 0006 (a normalised word match on SQLite).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.expressions import Col
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import textsearch
from stadtdialog.core.sql import in_ids
from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter

from . import registry
from .filters import Participation, Sort
from .models import Attachment, CouncilPaper, Plan
from .status import participation_state

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.db.models.options import Options

    from .filters import FilterChoices

MAP_POINT_LIMIT = 2000
SEARCH_CONFIG = textsearch.CONFIG
# Relevance ranks the most recent matches only (see _search): enough for the first 20 pages of 20.
CANDIDATES = 400
# The windows of recent plans in which the plan search looks for those first (recent_windows): the 1 000, 1 250,
# 1 562, ... most recent published plans, up to some 7 million; a window should hold 1.1 times CANDIDATES matches.
WINDOW_SIZES = tuple(round(1000 * 1.25**k) for k in range(40))
WINDOW_MARGIN = 1.1


def running_now(today: datetime.date | None = None) -> Exists:
    """True for a plan with a published process whose phase runs today (for filtering the whole list); the
    processes app provides the condition (plans/registry.py)."""
    return registry.provided("running_now")(today or timezone.localdate())


def uses_postgres_search() -> bool:
    """Whether the database is PostgreSQL, whose German full-text search the plan search uses."""
    return connection.vendor == "postgresql"


def search_vector() -> Col:
    """The column plans_plan.search_vector: the weighted German vector of the normalised title (A), summary (B) and
    search text (C), stored and indexed on PostgreSQL by migration 0006. It is not a model field, so it is
    referred to as a bare column."""
    field = SearchVectorField()
    field.set_attributes_from_name("search_vector")
    field.model = Plan
    return Col(Plan._meta.db_table, field)


def district_ids() -> Col:
    """PostgreSQL: the column plans_plan.district_ids, the ids of the plan's districts kept by the triggers of
    migration 0007 and GIN-indexed. Not a model field: referred to as a bare column, like search_vector."""
    field = ArrayField(IntegerField())
    field.set_attributes_from_name("district_ids")
    field.model = Plan
    return Col(Plan._meta.db_table, field)


def search_query(q: str) -> SearchQuery | None:
    """PostgreSQL: the German query of the normalised words; when no published plan has them (a typo), the query
    in which each word may also be one of its most similar words of the plans' words table (migration 0006)."""
    query = textsearch.ts_query(q)
    if Plan.objects.published().alias(search=search_vector()).filter(search=query).exists():
        return query
    return textsearch.similar_words_query("plans_search_word", q)


def _search(queryset: QuerySet[Plan], q: str, ranked: bool) -> QuerySet[Plan]:
    """Plans matching the search words, forgiving (core/textsearch.py): on PostgreSQL German full-text search of
    the normalised words on the stored weighted vector (migration 0006), with similar words when they find nothing;
    on SQLite each word is contained in or close to a word of the normalised search text.

    With `ranked`, the rank (alias "rank") is computed for the CANDIDATES most recent matches only: they come
    first by relevance, every later match follows by date (rank 0). The list page reads the same order through
    relevance_rows, which does not even read the other matches (issue 19, item 2).
    """
    if not uses_postgres_search():
        condition = textsearch.sqlite_condition("search_norm", q)
        if condition is None:
            return queryset.none()
        return queryset.alias(search_norm=textsearch.normalised(F("search_text"))).filter(condition)
    query = search_query(q)
    if query is None:  # nothing to search for (only signs): no plan, and the order by rank still resolves
        return queryset.none().alias(rank=Value(0.0, output_field=FloatField())) if ranked else queryset.none()
    matches = queryset.alias(search=search_vector()).filter(search=query)
    if ranked:
        candidates = matches.order_by("-published_at", "-id").values("pk")[:CANDIDATES]
        rank = Case(
            When(pk__in=candidates, then=SearchRank(search_vector(), query)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        matches = matches.alias(rank=rank)
    return matches


def _recency() -> tuple[str, dict]:
    """The number of published plans and the publication times of the WINDOW_SIZES-th most recent ones found so
    far, kept in the cache under the data version of the list's counts (plans/counts.py)."""
    from .counts import COUNT_TIMEOUT, data_version

    key = f"plans:recency:{data_version()}"
    facts = cache.get(key)
    if facts is None:
        facts = {"published": Plan.objects.published().count(), "since": {}}
        cache.set(key, facts, COUNT_TIMEOUT)
    return key, facts


def _published_since(key: str, facts: dict, size: int) -> datetime.datetime | None:
    """The publication time of the `size`-th most recent published plan (an index-only scan of `size` entries),
    added to the cached facts."""
    from .counts import COUNT_TIMEOUT

    if size not in facts["since"]:
        times = Plan.objects.published().order_by("-published_at").values_list("published_at", flat=True)
        facts["since"][size] = next(iter(times[size - 1 : size]), None)
        cache.set(key, facts, COUNT_TIMEOUT)
    return facts["since"][size]


def recent_windows(matches: int | None) -> list[Q]:
    """The windows of recent plans in which the CANDIDATES most recent of `matches` matches are looked for first
    (core.textsearch.TopRanked): the smallest window size that would hold WINDOW_MARGIN times CANDIDATES matches
    if the matches were spread evenly over the published plans, and the next larger one. None when all matches
    are ranked anyway."""
    if matches is None or matches <= CANDIDATES:
        return []
    key, facts = _recency()
    wanted = WINDOW_MARGIN * CANDIDATES * facts["published"] / matches
    windows = []
    for size in WINDOW_SIZES:
        if size >= facts["published"] or len(windows) == 2:
            break
        if size >= wanted:
            since = _published_since(key, facts, size)
            if since is None:
                break
            # a literal, as the search words (textsearch.InlineText): a generic plan cannot see how narrow it is
            windows.append(Q(published_at__gte=textsearch.InlineText(since.isoformat(), output_field=DateTimeField())))
    return windows


def relevance_rows(plans: QuerySet[Plan], criteria: dict, count: int | None = None) -> Any:
    """The rows of the list page (list_rows) for the paginator. Sorted by relevance on PostgreSQL: a TopRanked
    sequence, whose first CANDIDATES positions read and rank only the CANDIDATES most recent matches (the same
    order as filter_plans gives). `count`, the number of matches when known, lets it look for those in a window of
    recent plans first (recent_windows)."""
    if criteria.get("q") and criteria.get("sort") == Sort.RELEVANCE and uses_postgres_search():
        query = search_query(criteria["q"])
        if query is not None:
            rank = SearchRank(search_vector(), query)
            return textsearch.TopRanked(
                plans,
                Plan.objects.all(),
                rank,
                ["-published_at", "-id"],
                list_rows,
                CANDIDATES,
                recent_windows(count),
            )
    return list_rows(plans)


def _overlapping(period: tuple[datetime.date | None, datetime.date | None]) -> Q:
    """Plans whose expected schedule touches the period; a missing end means ongoing, plans without dates never
    match."""
    start, end = period
    condition = Q(schedule_start__isnull=False) | Q(schedule_end__isnull=False)
    if end:
        condition &= Q(schedule_start__lte=end) | Q(schedule_start__isnull=True)
    if start:
        condition &= Q(schedule_end__gte=start) | Q(schedule_end__isnull=True)
    return condition


def _linked(through: type[Model], **condition: Any) -> Exists:
    """EXISTS a row of the many-to-many table `through` for the plan (OuterRef "pk") with the condition."""
    return Exists(through.objects.filter(plan_id=OuterRef("pk"), **condition))


def filter_plans(criteria: dict) -> QuerySet[Plan]:
    """Published plans matching the criteria of PlanFilterForm.criteria(), sorted, not yet sliced."""
    plans = Plan.objects.published()
    # EXISTS rather than a join: the count of the paginator stays a count of plans; on PostgreSQL the districts are
    # in the plan's row, in a GIN index (district_ids), the id written into the SQL (textsearch.InlineIds)
    if criteria.get("district_id"):
        if uses_postgres_search():
            plans = plans.alias(district_ids=district_ids()).filter(
                district_ids__contains=textsearch.InlineIds([criteria["district_id"]])
            )
        else:
            plans = plans.filter(_linked(Plan.districts.through, district_id=criteria["district_id"]))
    if criteria.get("quarter_id"):
        plans = plans.filter(_linked(Plan.quarters.through, quarter_id=criteria["quarter_id"]))
    if criteria.get("field_id"):
        plans = plans.filter(_linked(Plan.fields_of_action.through, fieldofaction_id=criteria["field_id"]))
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
    if sort == Sort.RELEVANCE and not criteria.get("q"):  # relevance without search words: the newest first
        sort = Sort.NEWEST
    if criteria.get("q"):
        plans = _search(plans, criteria["q"], ranked=sort == Sort.RELEVANCE)
    return plans.order_by(*_ordering(sort))


def _ordering(sort: str) -> list:
    """The order_by arguments of a sort choice."""
    if sort == Sort.TITLE:
        return ["title", "id"]
    if sort == Sort.START:
        return [F("schedule_start").asc(nulls_last=True), "title", "id"]
    if sort == Sort.RELEVANCE and uses_postgres_search():
        return ["-rank", "-published_at", "-id"]
    return ["-published_at", "-id"]


def with_list_columns(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """The columns of a plan in the feed and the CSV export, with the lead unit joined."""
    return plans.select_related("lead_unit").only(
        "id",
        "title",
        "summary",
        "status",
        "is_citywide",
        "participation_planned",
        "schedule_start",
        "schedule_end",
        "schedule_note",
        "published_at",
        "latitude",
        "longitude",
        "cost_estimate",
        "lead_unit__id",
        "lead_unit__short_name",
        "lead_unit__name",
    )


LIST_ROW = (
    "id",
    "title",
    "summary",
    "status",
    "is_citywide",
    "participation_planned",
    "schedule_start",
    "schedule_end",
    "latitude",
    "longitude",
    "lead_unit__short_name",
)


def list_rows(plans: QuerySet[Plan]) -> QuerySet[Any]:
    """What a list item or a row of the map's table shows, as named rows (quicker to read than model instances)."""
    return plans.values_list(*LIST_ROW, named=True)


class ListItem:
    """A plan of a list page: the columns of LIST_ROW (the lead department's short name as unit) and what
    list_page adds."""

    def __init__(self, row: tuple) -> None:
        (
            self.pk,
            self.title,
            self.summary,
            self.status,
            self.is_citywide,
            self.participation_planned,
            self.schedule_start,
            self.schedule_end,
            self.latitude,
            self.longitude,
            self.unit,
        ) = row


def list_page(rows: Any, choices: FilterChoices) -> list[ListItem]:
    """The plans of one page (rows of list_rows), ready to show, with one query for the districts, fields of
    action and running participation of all of them.

    Sets running_now, district_names and field_names (names come from the cached filter choices),
    and the display strings of a list item: url, status_label, where, schedule, badge_class and
    badge_label, so that the list template only prints values.
    """
    plans = [ListItem(row) for row in rows]
    links = _page_links([plan.pk for plan in plans])
    district_names, field_names = choices.district_names, choices.field_names
    url_pattern = reverse("plans:detail", args=[_PK_PLACEHOLDER])
    citywide, no_district = _("Citywide"), _("No district given")
    schedule = ScheduleText()
    states = {}  # one ParticipationState per (status, planned, running): a page has few of them
    for plan in plans:
        districts, fields, running = links.get(plan.pk, ((), (), False))
        plan.running_now = running
        # in the order of the filter choices: districts by number, fields of action by position
        plan.district_names = [name for pk, name in district_names.items() if pk in districts] if districts else []
        plan.field_names = [name for pk, name in field_names.items() if pk in fields] if fields else []
        plan.url = url_pattern.replace(_PK_PLACEHOLDER, str(plan.pk))
        key = (plan.status, plan.participation_planned, running)
        state = states.get(key) or states.setdefault(key, participation_state(*key))
        plan.status_label = state.status_label
        plan.where = citywide if plan.is_citywide else (", ".join(plan.district_names) or no_district)
        plan.schedule = schedule(plan.schedule_start, plan.schedule_end)
        plan.badge_class, plan.badge_label = state.badge_class, state.badge_label
    return plans


_PK_PLACEHOLDER = "2147483647"


class ScheduleText:
    """The expected schedule as plans/_schedule.html writes it ("03/2026 to 12/2027", "from 03/2026", "until 12/2027"),
    for many plans: the translations looked up once, the dates written as date_format(date, "m/Y") does."""

    def __init__(self) -> None:
        self.both, self.start, self.end = _("%(start)s to %(end)s"), _("from %(start)s"), _("until %(end)s")

    def __call__(self, start: datetime.date | None, end: datetime.date | None) -> str:
        if start and end:
            return self.both % {
                "start": f"{start.month:02d}/{start.year:04d}",
                "end": f"{end.month:02d}/{end.year:04d}",
            }
        if start:
            return self.start % {"start": f"{start.month:02d}/{start.year:04d}"}
        if end:
            return self.end % {"end": f"{end.month:02d}/{end.year:04d}"}
        return ""


def _page_links(ids: list[int]) -> dict[int, tuple[list[int], list[int], bool]]:
    """For the plans of one page: {plan id: (district ids, field of action ids, participation running now)}.

    One UNION ALL query instead of three: the district links, the field links and the plans with a
    published process whose phase runs today (the condition of running_now, SQL from processes: registry.py).
    """
    if not ids:
        return {}
    qn = connection.ops.quote_name
    district_links, field_links = Plan.districts.through._meta, Plan.fields_of_action.through._meta

    def column(meta: Options, name: str) -> str:
        return qn(meta.get_field(name).column)

    of_district_links, ids_params = in_ids(column(district_links, "plan"), ids)
    of_field_links, _ = in_ids(column(field_links, "plan"), ids)
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    running_plan, running_sql, running_params = registry.provided("running_plans_sql")(ids, today)
    sql = (
        f"SELECT 1, {column(district_links, 'plan')}, {column(district_links, 'district')}"
        f" FROM {qn(district_links.db_table)} WHERE {of_district_links}"
        f" UNION ALL SELECT 2, {column(field_links, 'plan')}, {column(field_links, 'fieldofaction')}"
        f" FROM {qn(field_links.db_table)} WHERE {of_field_links}"
        f" UNION ALL SELECT DISTINCT 3, {running_plan}, 0 {running_sql}"
    )
    found: dict[int, tuple[list[int], list[int], bool]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids_params, *ids_params, *running_params])
        for kind, plan_id, other_id in cursor.fetchall():
            districts, fields, running = found.get(plan_id) or ([], [], False)
            if kind == 1:
                districts.append(other_id)
            elif kind == 2:
                fields.append(other_id)
            else:
                running = True
            found[plan_id] = (districts, fields, running)
    return found


def with_list_details(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """The list columns with districts and fields of action prefetched (for the feed and the CSV export)."""
    return with_list_columns(plans).prefetch_related(
        Prefetch("districts", queryset=District.objects.only("id", "number", "name", "slug")),
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.only("id", "name", "slug")),
    )


def with_export_details(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """The list details plus quarters and whether participation runs now, for the CSV export of all matches."""
    return (
        with_list_details(plans)
        .annotate(running_now=running_now())
        .prefetch_related(
            Prefetch("quarters", queryset=Quarter.objects.only("id", "name", "slug", "district_id")),
        )
    )


def map_points(criteria: dict, limit: int | None = None) -> tuple[list[tuple], bool]:
    """Up to `limit` (MAP_POINT_LIMIT) plans with a map point as plain rows (id, title, status, latitude,
    longitude, the lead department's short name), and whether there were more. One query."""
    limit = limit or MAP_POINT_LIMIT
    plans = (
        filter_plans(criteria)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .values_list("id", "title", "status", "latitude", "longitude", "lead_unit__short_name")
    )
    rows = list(plans[: limit + 1])
    return rows[:limit], len(rows) > limit


def map_features(criteria: dict) -> dict:
    """The GeoJSON FeatureCollection of the map (views.plan_map_data): the status labels translated once, the
    plan URLs written from one reversed pattern instead of a reverse() per plan."""
    rows, capped = map_points(criteria)
    statuses = {value: str(label) for value, label in Plan.Status.choices}
    url_pattern = reverse("plans:detail", args=[_PK_PLACEHOLDER])
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
            "properties": {
                "title": title,
                "url": url_pattern.replace(_PK_PLACEHOLDER, str(pk)),
                "status": statuses.get(status, status),
                "unit": unit,
            },
        }
        for pk, title, status, latitude, longitude, unit in rows
    ]
    return {"type": "FeatureCollection", "features": features, "capped": capped, "limit": len(rows)}


def plan_for_page(pk: int) -> Plan:
    """A plan with everything its own part of the public page shows, in a fixed number of queries (drafts
    included; the view decides): the plan with its departments (one query, which also says whether it has council
    papers and attachments), its districts, quarters and fields of action (one query, _plan_links), and only when
    it has them its council papers with their consultations and its attachments. The sections of the apps above
    read their own data (processes: two queries)."""
    queryset = Plan.objects.select_related("lead_unit__parent").annotate(
        running=running_now(),
        has_council_papers=Exists(Plan.council_papers.through.objects.filter(plan_id=OuterRef("pk"))),
        has_attachments=Exists(Attachment.objects.filter(plan_id=OuterRef("pk"))),
    )
    plan = get_object_or_404(queryset, pk=pk)
    plan.participation = participation_state(plan.status, plan.participation_planned, plan.running)
    districts, quarters, fields = _plan_links(plan.pk)
    prefetched = {"districts": districts, "quarters": quarters, "fields_of_action": fields}
    if not plan.has_council_papers:
        prefetched["council_papers"] = []
    if not plan.has_attachments:
        prefetched["attachments"] = []
    plan._prefetched_objects_cache = {
        name: _as_prefetched(getattr(plan, name).model, rows) for name, rows in prefetched.items()
    }
    lookups = []
    if plan.has_council_papers:
        lookups.append(
            Prefetch(
                "council_papers",
                queryset=CouncilPaper.objects.order_by("-date", "number").prefetch_related("consultations"),
            )
        )
    if plan.has_attachments:
        lookups.append(Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "id")))
    if lookups:
        prefetch_related_objects([plan], *lookups)
    return plan


def _as_prefetched(model: type[Model], rows: list) -> QuerySet:
    """A queryset of `model` that holds `rows` as its results, for a prefetch cache filled by hand."""
    queryset = model._default_manager.none()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset


def _plan_links(pk: int) -> tuple[list[District], list[Quarter], list[FieldOfAction]]:
    """The plan's districts, quarters and fields of action (only what the plan page shows of them), in their
    models' order, in one UNION ALL query instead of three prefetches."""
    qn = connection.ops.quote_name
    d, q, f = District._meta, Quarter._meta, FieldOfAction._meta
    dl, ql, fl = (Plan.districts.through._meta, Plan.quarters.through._meta, Plan.fields_of_action.through._meta)

    def col(meta: Options, name: str) -> str:
        return f"{qn(meta.db_table)}.{qn(meta.get_field(name).column)}"

    def join(link: Options, target: Options, link_field: str) -> str:
        return (
            f" FROM {qn(link.db_table)} INNER JOIN {qn(target.db_table)}"
            f" ON {col(link, link_field)} = {col(target, 'id')}"
            f" WHERE {col(link, 'plan')} = %s"
        )

    # the quarters' districts joined under another name, for the quarters' order (district number, name)
    quarter_district = qn("quarter_district")
    quarter_join = (
        f" INNER JOIN {qn(d.db_table)} {quarter_district}"
        f" ON {col(q, 'district')} = {quarter_district}.{qn(d.pk.column)}"
    )
    sql = (
        f"SELECT 1, {col(d, 'id')}, {col(d, 'name')}, {col(d, 'slug')}, {col(d, 'number')}, {col(d, 'number')}"
        f"{join(dl, d, 'district')}"
        f" UNION ALL SELECT 2, {col(q, 'id')}, {col(q, 'name')}, {col(q, 'slug')}, {col(q, 'district')},"
        f" {quarter_district}.{qn(d.get_field('number').column)}"
        f" FROM {qn(ql.db_table)} INNER JOIN {qn(q.db_table)} ON {col(ql, 'quarter')} = {col(q, 'id')}{quarter_join}"
        f" WHERE {col(ql, 'plan')} = %s"
        f" UNION ALL SELECT 3, {col(f, 'id')}, {col(f, 'name')}, {col(f, 'slug')}, {col(f, 'position')},"
        f" {col(f, 'position')}{join(fl, f, 'fieldofaction')}"
    )
    rows: dict[int, list] = {1: [], 2: [], 3: []}
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, pk, pk])
        for kind, row_pk, name, slug, extra, order in cursor.fetchall():
            rows[kind].append((order, name, row_pk, slug, extra))
    for found in rows.values():
        found.sort()
    return (
        [District(id=pk_, name=name, slug=slug, number=extra) for _o, name, pk_, slug, extra in rows[1]],
        [Quarter(id=pk_, name=name, slug=slug, district_id=extra) for _o, name, pk_, slug, extra in rows[2]],
        [FieldOfAction(id=pk_, name=name, slug=slug, position=extra) for _o, name, pk_, slug, extra in rows[3]],
    )
