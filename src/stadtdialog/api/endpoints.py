"""The operations of /api/v1/ (django-ninja): one list per kind of public data, a few single items, all read-only.

A list answers {"items": [...], "next_cursor": ..., "next": ...} (pagination.py); its query parameters are the
schemas in schemas.py (a bad value answers 422 with the field and the reason, a bad cursor 400). Last-Modified is the
newest `updated_at` of the page's items; http.open_data adds ETag, 304, CORS and the rate limit around every
operation (urls.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import orjson
from django.http import Http404, HttpResponse
from django.utils.functional import Promise
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError
from ninja.renderers import JSONRenderer

from stadtdialog.core.forms import MAX_ID

from . import pagination, queries
from . import schemas as s

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import QuerySet
    from django.http import HttpRequest

ERRORS = {400: s.Error, 404: s.Error, 422: s.Error, 429: s.Error}

DESCRIPTION = (
    "Read-only open data of the participation portal: plans, participation processes with their concepts and "
    "phases, contributions, comments and answers, reports, events, results, decisions, implementation milestones, "
    "evaluations, sortitions and the city's districts, quarters, fields of action and units. Only what the "
    "public pages show, never personal data: authors appear by their display name. Keys are English, values German "
    "as published. Lists are paged with an opaque cursor (`next_cursor`), oldest first. Answers carry ETag and "
    "Last-Modified and answer 304 to If-None-Match / If-Modified-Since. Anonymous clients are limited per minute "
    "(header RateLimit-Limit); an API key in `X-API-Key` raises the limit."
)


class Renderer(JSONRenderer):
    """JSON in UTF-8 as it is, without escaping umlauts."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Renderer(),
    title="Stadtdialog Open Data API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    docs_url=None,
    openapi_url="/openapi.json",
    openapi_extra={
        "info": {
            "license": {
                "name": "Datenlizenz Deutschland – Zero – Version 2.0",
                "url": "https://www.govdata.de/dl-de/zero-2-0",
            }
        }
    },
)

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


def _other(value: object) -> str:
    """What orjson does not write itself: translated texts (lazy strings) and decimals, as strings."""
    if isinstance(value, (Promise, Decimal)):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json(data: dict) -> HttpResponse:
    """The answer as JSON, written directly: the rows are already shaped as the schemas describe them (the contract
    tests hold them to it), and pydantic's validation of every item would cost more than the query. orjson writes
    UTF-8 as it is and times in RFC 3339 with "Z" for UTC, five to ten times faster than the json module with
    Django's encoder (a fifth of a page's CPU, bench/api/cpu_processes.py)."""
    return HttpResponse(
        orjson.dumps(data, default=_other, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS),
        content_type="application/json; charset=utf-8",
    )


def _page(
    request: HttpRequest,
    queryset: QuerySet | Callable[[], QuerySet],
    params: s.PageParams,
    complete: Callable[[list], list] | None = None,
) -> HttpResponse:
    """One page of a list: `queryset` (or the function that builds it from the filters) depends on nothing but the
    operation and its parameters, so the page's compiled SQL is kept under them (pagination.CompiledPages)."""
    key = (request.resolver_match.route, *sorted(params.dict(exclude={"cursor", "limit"}).items()))
    rows, next_cursor = pagination.page_of(queryset, params.cursor, params.limit, key=key)
    if complete is not None:
        rows = complete(rows)
    next_url = None
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = request.build_absolute_uri(request.path + "?" + query.urlencode())
    response = _json({"items": rows, "next_cursor": next_cursor, "next": next_url})
    stamps = [row["updated_at"] for row in rows if row.get("updated_at")]
    if stamps:
        response["Last-Modified"] = http_date(max(stamps).timestamp())
    return response


def _one(queryset: QuerySet, pk: int, complete: Callable[[list], list] | None = None) -> HttpResponse:
    rows = list(queryset.filter(id=pk)[:1])
    if not rows:
        raise HttpError(404, _("Not found."))
    return _json((complete(rows) if complete else rows)[0])


def _plan_criteria(params: s.PlanParams) -> dict:
    return {
        "district_id": params.district,
        "quarter_id": params.quarter,
        "field_id": params.field_of_action,
        "unit_id": params.unit,
        "status": params.status,
        "participation": params.participation,
        "q": (params.q or "").strip(),
    }


# --- plans and processes ---------------------------------------------------------------------------------------


@api.get("/plans", response={200: s.PlanPage, **ERRORS}, tags=["plans"], operation_id="listPlans", summary="Plans")
def list_plans(request, params: Query[s.PlanParams]):
    """Published plans (Vorhabenliste), filtered like the public plan list."""
    return _page(request, lambda: queries.plan_rows(_plan_criteria(params)), params, queries.complete_plans)


@api.get("/plans/{plan_id}", response={200: s.Plan, **ERRORS}, tags=["plans"], operation_id="getPlan", summary="Plan")
def get_plan(request, plan_id: PathId):
    return _one(queries.plan_rows({}), plan_id, queries.complete_plans)


@api.get(
    "/processes",
    response={200: s.ProcessPage, **ERRORS},
    tags=["processes"],
    operation_id="listProcesses",
    summary="Participation processes",
)
def list_processes(request, params: Query[s.ProcessParams]):
    """Public participation processes with their concept (current version, goals, versions) and phases."""
    return _page(request, lambda: queries.process_rows(params.plan), params, queries.complete_processes)


@api.get(
    "/processes/{process_id}",
    response={200: s.ProcessOut, **ERRORS},
    tags=["processes"],
    operation_id="getProcess",
    summary="Participation process",
)
def get_process(request, process_id: PathId):
    return _one(queries.process_rows(), process_id, queries.complete_processes)


# --- dialog ----------------------------------------------------------------------------------------------------


@api.get(
    "/contributions",
    response={200: s.ContributionPage, **ERRORS},
    tags=["dialog"],
    operation_id="listContributions",
    summary="Contributions",
)
def list_contributions(request, params: Query[s.ContributionParams]):
    """Contributions to public processes that moderation did not hide, with their support and comment counts and
    the city's answer."""
    filters = {"process_id": params.process, "kind": params.kind, "quarter_id": params.quarter, "answer": params.answer}
    return _page(request, lambda: queries.contribution_rows(filters), params, queries.complete_contributions)


@api.get(
    "/contributions/{contribution_id}",
    response={200: s.ContributionOut, **ERRORS},
    tags=["dialog"],
    operation_id="getContribution",
    summary="Contribution",
)
def get_contribution(request, contribution_id: PathId):
    return _one(queries.contribution_rows({}), contribution_id, queries.complete_contributions)


@api.get(
    "/comments",
    response={200: s.CommentPage, **ERRORS},
    tags=["dialog"],
    operation_id="listComments",
    summary="Comments",
)
def list_comments(request, params: Query[s.CommentParams]):
    """Visible comments on visible contributions (replies name their parent comment)."""
    filters = {"contribution_id": params.contribution, "process_id": params.process}
    return _page(request, lambda: queries.comment_rows(filters), params)


@api.get(
    "/responses",
    response={200: s.ResponsePage, **ERRORS},
    tags=["dialog"],
    operation_id="listResponses",
    summary="Answers of the city",
)
def list_responses(request, params: Query[s.ResponseParams]):
    """The city's answers to contributions: status, reason and the answering unit."""
    filters = {"process_id": params.process, "status": params.status}
    return _page(request, queries.response_rows(filters), params, queries.complete_responses)


# --- reports and events ----------------------------------------------------------------------------------------


@api.get(
    "/reports", response={200: s.ReportPage, **ERRORS}, tags=["reports"], operation_id="listReports", summary="Reports"
)
def list_reports(request, params: Query[s.ReportParams]):
    """Published preliminary, interim and final reports of public processes."""
    filters = {"process_id": params.process, "kind": params.kind}
    return _page(request, queries.report_rows(filters), params, queries.complete_reports)


@api.get("/events", response={200: s.EventPage, **ERRORS}, tags=["events"], operation_id="listEvents", summary="Events")
def list_events(request, params: Query[s.EventParams]):
    """Published events (cancelled ones marked), without registrations."""
    if params.start_from and params.start_until and params.start_from > params.start_until:
        raise HttpError(422, _("start_from must not be after start_until."))
    filters = {
        "process_id": params.process,
        "district_id": params.district,
        "start_from": params.start_from,
        "start_until": params.start_until,
    }
    return _page(request, lambda: queries.event_rows(filters), params, queries.complete_events)


@api.get(
    "/events/{event_id}",
    response={200: s.EventOut, **ERRORS},
    tags=["events"],
    operation_id="getEvent",
    summary="Event",
)
def get_event(request, event_id: PathId):
    return _one(queries.event_rows({}), event_id, queries.complete_events)


# --- outcomes, evaluation, sortition ---------------------------------------------------------------------------


@api.get(
    "/results", response={200: s.ResultPage, **ERRORS}, tags=["outcomes"], operation_id="listResults", summary="Results"
)
def list_results(request, params: Query[s.ProcessFilter]):
    """Published results of processes with their recommendations."""
    return _page(request, queries.result_rows({"process_id": params.process}), params, queries.complete_results)


@api.get(
    "/decisions",
    response={200: s.DecisionPage, **ERRORS},
    tags=["outcomes"],
    operation_id="listDecisions",
    summary="Decisions",
)
def list_decisions(request, params: Query[s.ProcessFilter]):
    """Published decisions with the verdict on every recommendation."""
    return _page(request, queries.decision_rows({"process_id": params.process}), params, queries.complete_decisions)


@api.get(
    "/milestones",
    response={200: s.MilestonePage, **ERRORS},
    tags=["outcomes"],
    operation_id="listMilestones",
    summary="Implementation milestones",
)
def list_milestones(request, params: Query[s.MilestoneParams]):
    filters = {"process_id": params.process, "status": params.status}
    return _page(request, queries.milestone_rows(filters), params, queries.complete_milestones)


@api.get(
    "/evaluations",
    response={200: s.EvaluationPage, **ERRORS},
    tags=["evaluation"],
    operation_id="listEvaluations",
    summary="Evaluations",
)
def list_evaluations(request, params: Query[s.ProcessFilter]):
    """Published evaluations: the goals' assessments and the number of questionnaires (no free-text answers)."""
    return _page(
        request,
        queries.evaluation_rows({"process_id": params.process}),
        params,
        queries.complete_evaluations,
    )


@api.get(
    "/sortitions",
    response={200: s.SortitionPage, **ERRORS},
    tags=["sortition"],
    operation_id="listSortitions",
    summary="Sortitions",
)
def list_sortitions(request, params: Query[s.ProcessFilter]):
    """Sortitions of citizens' panels past their setup, with the published lottery document and the draw
    (pseudonyms only)."""
    return _page(request, queries.sortition_rows({"process_id": params.process}), params, queries.complete_sortitions)


# --- the city --------------------------------------------------------------------------------------------------


@api.get(
    "/districts",
    response={200: s.DistrictPage, **ERRORS},
    tags=["city"],
    operation_id="listDistricts",
    summary="Districts",
)
def list_districts(request, params: Query[s.PageParams]):
    return _page(request, queries.district_rows({}), params)


@api.get(
    "/quarters", response={200: s.QuarterPage, **ERRORS}, tags=["city"], operation_id="listQuarters", summary="Quarters"
)
def list_quarters(request, params: Query[s.QuarterParams]):
    return _page(request, queries.quarter_rows({"district_id": params.district}), params)


@api.get(
    "/fields-of-action",
    response={200: s.FieldOfActionPage, **ERRORS},
    tags=["city"],
    operation_id="listFieldsOfAction",
    summary="Fields of action",
)
def list_fields_of_action(request, params: Query[s.PageParams]):
    return _page(request, queries.field_of_action_rows({}), params)


@api.get(
    "/org-units", response={200: s.OrgUnitPage, **ERRORS}, tags=["city"], operation_id="listOrgUnits", summary="Units"
)
def list_org_units(request, params: Query[s.OrgUnitParams]):
    """The city's organisational units (directorates, departments, sections, offices)."""
    filters = {"include_dissolved": params.include_dissolved}
    return _page(request, queries.org_unit_rows(filters), params, queries.complete_org_units)


# The operations on the city's services (district pages, concerns, rooms, the report) live in their own module.
from . import endpoints_city  # noqa: E402, F401
