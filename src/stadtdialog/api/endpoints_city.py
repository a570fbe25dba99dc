"""The operations of /api/v1/ on the city's services (registered on the same NinjaAPI as endpoints.py, which imports
this module at its end): the public part of the district pages, published concern summaries, rooms and their busy
times, and the figures of the public report."""

from ninja import Query

from . import queries_city
from . import schemas_city as c
from .endpoints import ERRORS, _json, _page, api


@api.get(
    "/district-profiles",
    response={200: c.DistrictProfilePage, **ERRORS},
    tags=["districts"],
    operation_id="listDistrictProfiles",
    summary="District pages",
)
def list_district_profiles(request, params: Query[c.DistrictFilter]):
    """The public part of each district's page: introduction, the district management's office and office hours,
    how to bring a concern, and the published networks (no person)."""
    return _page(
        request,
        queries_city.district_profile_rows({"district_id": params.district}),
        params,
        queries_city.complete_district_profiles,
    )


@api.get(
    "/concern-summaries",
    response={200: c.ConcernSummaryPage, **ERRORS},
    tags=["districts"],
    operation_id="listConcernSummaries",
    summary="Published concern summaries",
)
def list_concern_summaries(request, params: Query[c.ConcernParams]):
    """Anonymised summaries of residents' concerns that the resident agreed to publish and staff published: topic,
    district, quarter, status and dates (never the concern's own text, photo or any contact)."""
    return _page(
        request,
        queries_city.concern_summary_rows({"district_id": params.district, "status": params.status}),
        params,
        queries_city.complete_concern_summaries,
    )


@api.get(
    "/district-conferences",
    response={200: c.DistrictConferenceSummaryPage, **ERRORS},
    tags=["districts"],
    operation_id="listDistrictConferences",
    summary="District conferences: what the departments agreed",
)
def list_district_conferences(request, params: Query[c.DistrictConferenceParams]):
    """District conferences whose minutes are published, with what the departments agreed and the state of each
    measure, as the district page shows them (a disputed measure is "in progress"; never the minutes' text, reasons,
    target groups, notes, escalations or any person)."""
    return _page(
        request,
        queries_city.district_conference_rows({"district": params.district, "year": params.year}),
        params,
        queries_city.complete_district_conferences,
    )


@api.get(
    "/action-programmes",
    response={200: c.ActionProgrammePage, **ERRORS},
    tags=["districts"],
    operation_id="listActionProgrammes",
    summary="Action programmes of the districts",
)
def list_action_programmes(request, params: Query[c.DistrictWorkParams]):
    """The published action programmes: the directors' decision, the priorities by field of action, the
    prioritisation rounds with their needs and points (no author, name or concern text)."""
    return _page(
        request,
        queries_city.action_programme_rows({"district": params.district}),
        params,
        queries_city.complete_action_programmes,
    )


@api.get("/rooms", response={200: c.RoomPage, **ERRORS}, tags=["office"], operation_id="listRooms", summary="Rooms")
def list_rooms(request, params: Query[c.DistrictFilter]):
    """The rooms that the coordination office and the district centres lend, with their accessibility."""
    return _page(request, queries_city.room_rows({"district_id": params.district}), params, queries_city.complete_rooms)


@api.get(
    "/room-busy-times",
    response={200: c.BusyTimePage, **ERRORS},
    tags=["office"],
    operation_id="listRoomBusyTimes",
    summary="Busy times of the rooms",
)
def list_room_busy_times(request, params: Query[c.BusyTimeParams]):
    """When the rooms are taken (approved bookings, a month back to a year ahead); never by whom or what for."""
    return _page(request, queries_city.busy_time_rows({"room_id": params.room}), params)


@api.get(
    "/funding-rounds",
    response={200: c.FundingRoundPage, **ERRORS},
    tags=["office"],
    operation_id="listFundingRounds",
    summary="Funding rounds",
)
def list_funding_rounds(request, params: Query[c.PageParams]):
    """The coordination office's published funding rounds with their budget, what is approved and what remains."""
    return _page(request, queries_city.funding_round_rows({}), params, queries_city.complete_funding_rounds)


@api.get(
    "/funded-projects",
    response={200: c.FundedProjectPage, **ERRORS},
    tags=["office"],
    operation_id="listFundedProjects",
    summary="Funded projects",
)
def list_funded_projects(request, params: Query[c.FundedProjectParams]):
    """Projects the funding committee approved: title, purpose, amount, district and field of action (no applicant,
    organisation or contact)."""
    return _page(
        request, queries_city.funded_project_rows({"district_id": params.district, "round_id": params.round}), params
    )


@api.get(
    "/report",
    response={200: c.ReportFiguresOut, **ERRORS},
    tags=["report"],
    operation_id="getReport",
    summary="Figures of the public report",
)
def get_report(request, params: Query[c.ReportFigureParams]):
    """Every table of the public report on participation (/berichte/) for a year and filters: the same figures as
    the page and its CSV files."""
    return _json(
        queries_city.report_figures(
            params.year, params.district, params.field_of_action, params.directorate, params.department
        )
    )
