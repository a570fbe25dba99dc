"""The rows of the API's lists of the city's services: the public part of the district pages (districts app),
the published anonymised summaries of residents' concerns, the coordination office's rooms and their busy times
(office app), and the figures of the public report (reporting app).

Only what the public pages show: no person (a network's contact, a room's bookers, a concern's author, e-mail or
text stay out), no internal notes; every list is a `.values()` queryset ordered by id (pagination.py)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from stadtdialog.districts import queries_conferences, queries_programmes
from stadtdialog.districts.models import Concern, ConcernStatus, DistrictProfile, Network
from stadtdialog.office.models import FundingApplication, FundingRound, Occurrence, Room
from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit
from stadtdialog.reporting import queries as report_queries
from stadtdialog.reporting.scope import ReportScope

from .queries import _link, labels

if TYPE_CHECKING:
    from django.db.models import QuerySet

BUSY_DAYS_BACK = 31  # the busy times cover a month back and a year ahead, as the room's iCal feed does
BUSY_DAYS_AHEAD = 366


# --- district pages ---------------------------------------------------------------------------------------------


def district_profile_rows(filters: dict) -> QuerySet:
    profiles = DistrictProfile.objects.all()
    if filters.get("district_id"):
        profiles = profiles.filter(district_id=filters["district_id"])
    return profiles.values(
        "id",
        "district_id",
        "district__name",
        "district__slug",
        "introduction",
        "office_address",
        "office_hours",
        "concern_how",
        "updated_at",
    )


def complete_district_profiles(rows: list[dict]) -> list[dict]:
    """The published networks of each profile's district (one query for the page) and the page's address."""
    kinds = labels(Network.Kind)
    networks = defaultdict(list)
    for network in (
        Network.objects.filter(district_id__in=[row["district_id"] for row in rows], is_published=True)
        .order_by("name", "id")
        .values("district_id", "id", "kind", "name", "topics", "meeting_rhythm", "quarter_id")
    ):
        district_id = network.pop("district_id")
        network["kind_label"] = kinds.get(network["kind"], network["kind"])
        networks[district_id].append(network)
    url_of = _link("districts:detail")
    for row in rows:
        row["district_name"] = row.pop("district__name")
        row["url"] = url_of(row.pop("district__slug"))
        row["networks"] = networks.get(row["district_id"], [])
    return rows


# --- concerns ---------------------------------------------------------------------------------------------------


def concern_summary_rows(filters: dict) -> QuerySet:
    """Summaries the resident agreed to and staff published (districts/queries_concerns.published)."""
    concerns = Concern.objects.filter(published_at__isnull=False, consent_publish=True)
    if filters.get("district_id"):
        concerns = concerns.filter(district_id=filters["district_id"])
    if filters.get("status"):
        concerns = concerns.filter(status=filters["status"])
    return concerns.values(
        "id",
        "district_id",
        "quarter_id",
        "category__name",
        "status",
        "public_summary",
        "published_at",
        "closed_at",
        "updated_at",
    )


def complete_concern_summaries(rows: list[dict]) -> list[dict]:
    statuses = labels(ConcernStatus)
    for row in rows:
        row["category"] = row.pop("category__name")
        row["summary"] = row.pop("public_summary")
        row["status_label"] = statuses.get(row["status"], row["status"])
    return rows


# --- district conferences and action programmes -------------------------------------------------------------------


def district_conference_rows(filters: dict) -> QuerySet:
    """Conferences whose minutes are published (districts/queries_conferences.public_conferences), as objects: the
    page is shaped by public_conference_summaries, the district page's rules (no minutes' text, reasons, target
    groups, notes, disputes, escalations or people)."""
    conferences = queries_conferences.public_conferences().select_related("district")
    if filters.get("district"):
        conferences = conferences.filter(district__slug=filters["district"])
    if filters.get("year"):
        conferences = conferences.filter(starts_at__year=filters["year"])
    return conferences


def complete_district_conferences(rows: list) -> list[dict]:
    return queries_conferences.public_conference_summaries(rows)


def action_programme_rows(filters: dict) -> QuerySet:
    """Published action programmes (districts/queries_programmes.published_programmes), as objects."""
    programmes = queries_programmes.published_programmes().select_related("district")
    if filters.get("district"):
        programmes = programmes.filter(district__slug=filters["district"])
    return programmes


def complete_action_programmes(rows: list) -> list[dict]:
    return queries_programmes.public_programmes(rows)


# --- rooms ------------------------------------------------------------------------------------------------------


def room_rows(filters: dict) -> QuerySet:
    rooms = Room.objects.filter(is_active=True)
    if filters.get("district_id"):
        rooms = rooms.filter(district_id=filters["district_id"])
    return rooms.values(
        "id",
        "name",
        "slug",
        "description",
        "capacity",
        "step_free",
        "accessible_toilet",
        "hearing_loop",
        "accessibility_note",
        "fixed_equipment",
        "address",
        "latitude",
        "longitude",
        "district_id",
        "opening_hours",
        "fee",
        "updated_at",
    )


def complete_rooms(rows: list[dict]) -> list[dict]:
    busy_times_ics_of = _link("office:room_ics")
    url_of = _link("office:room")
    for row in rows:
        row["url"] = url_of(row["slug"])
        row["busy_times_ics"] = busy_times_ics_of(row["slug"])
    return rows


def busy_time_rows(filters: dict, now: datetime.datetime | None = None) -> QuerySet:
    """Approved dates of the active rooms from a month back to a year ahead: when a room is taken, never by whom
    or what for."""
    now = now or timezone.now()
    start = now - datetime.timedelta(days=BUSY_DAYS_BACK)
    end = now + datetime.timedelta(days=BUSY_DAYS_AHEAD)
    dates = Occurrence.objects.filter(
        state=Occurrence.State.APPROVED, room__isnull=False, room__is_active=True, start__lt=end, end__gt=start
    )
    if filters.get("room_id"):
        dates = dates.filter(room_id=filters["room_id"])
    return dates.values("id", "room_id", "start", "end")


# --- funding ----------------------------------------------------------------------------------------------------


def funding_round_rows(filters: dict) -> QuerySet:
    """The published funding rounds with their budget and what the committee approved so far."""
    return FundingRound.objects.filter(is_published=True).values(
        "id",
        "title",
        "slug",
        "description",
        "budget",
        "committed",
        "submission_deadline",
        "committee_date",
        "open_to_initiatives",
        "updated_at",
    )


def complete_funding_rounds(rows: list[dict]) -> list[dict]:
    url_of = _link("office:funding_round")
    for row in rows:
        row["approved"] = row.pop("committed")
        row["remaining"] = row["budget"] - row["approved"]
        row["url"] = url_of(row["slug"])
    return rows


def funded_project_rows(filters: dict) -> QuerySet:
    """Approved projects of published rounds, as /foerderung/ shows them (office/queries_funding.PUBLIC_FIELDS):
    title, purpose, amount, district, field of action, round; never the applicant, organisation or contact."""
    projects = FundingApplication.objects.filter(
        state__in=(FundingApplication.State.APPROVED, FundingApplication.State.COMPLETED), round__is_published=True
    )
    if filters.get("district_id"):
        projects = projects.filter(district_id=filters["district_id"])
    if filters.get("round_id"):
        projects = projects.filter(round_id=filters["round_id"])
    return projects.values(
        "id",
        "round_id",
        "title",
        "purpose",
        "approved_amount",
        "district_id",
        "field_of_action_id",
        "decided_at",
        "updated_at",
    )


# --- the public report --------------------------------------------------------------------------------------------


def report_figures(year: int, district_id=None, field_id=None, directorate_id=None, department_id=None) -> dict:
    """The report's sections and tables for a year and filters, exactly as the page `/berichte/` and its CSV files
    show them: the same computation, from the same cache (reporting/queries.py); an unknown id is a 404."""
    units = report_queries.all_units()
    by_id = {unit.pk: unit for unit in units}
    district = _found(District.objects.filter(pk=district_id).first(), district_id)
    field = _found(FieldOfAction.objects.filter(pk=field_id).first(), field_id)
    directorate = _found(by_id.get(directorate_id), directorate_id, OrgUnit.Kind.DIRECTORATE)
    department = _found(by_id.get(department_id), department_id, OrgUnit.Kind.DEPARTMENT)
    scope = ReportScope(year, directorate, department, district, field, units)
    query = {"jahr": year}
    if district:
        query["stadtbezirk"] = district.slug
    if field:
        query["handlungsfeld"] = field.slug
    if directorate:
        query["dezernat"] = directorate.pk
    if department:
        query["fachbereich"] = department.pk
    return {
        "year": year,
        "district_id": district_id,
        "field_of_action_id": field_id,
        "directorate_id": directorate_id,
        "department_id": department_id,
        "url": reverse("reporting:report") + "?" + urlencode(query),
        "sections": [
            {
                "name": entry.name,
                "title": entry.title,
                "tables": [
                    {
                        "key": table.key,
                        "title": str(table.title),
                        "columns": [str(column) for column in table.columns],
                        "rows": [[_cell(cell) for cell in row] for row in table.rows],
                        "note": str(table.note),
                    }
                    for table in entry.tables
                ],
            }
            for entry in report_queries.report(scope)
        ],
    }


def _found(obj, pk, kind=None):
    """The object of a filter id; None without an id; a 404 for an id that names nothing (or a unit of another
    kind)."""
    if pk is None:
        return None
    if obj is None or (kind is not None and obj.kind != kind):
        raise Http404
    return obj


def _cell(cell):
    if cell is None or isinstance(cell, bool | int | float):
        return cell
    return str(cell)
