"""The API's lists of the city's services: district pages, published concern summaries, rooms with their busy
times, and the report's figures (the same as the page /berichte/ and its CSV files)."""

import pytest
from django.utils import timezone

from stadtdialog.districts.models import ConcernStatus
from stadtdialog.organisation.models import District, OrgUnit
from stadtdialog.reporting import queries as report_queries
from stadtdialog.reporting.scope import ReportScope
from tests.factories import OrgUnitFactory

from .conftest import SECRET_EMAIL, SECRET_NAME, SECRET_TEXT

pytestmark = pytest.mark.django_db


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    return response.json()["items"]


def test_district_profiles_show_the_public_page_without_people(public_data, api_get):
    district = District.objects.order_by("number").first()
    found = items(api_get("/api/v1/district-profiles", district=district.pk))
    assert len(found) == 1
    profile = found[0]
    assert profile["district_id"] == district.pk and profile["district_name"] == district.name
    assert profile["introduction"] == "Der Stadtbezirk zwischen Ihme und Leine."
    assert profile["url"] == f"/stadtbezirke/{district.slug}/"
    names = [network["name"] for network in profile["networks"]]
    assert names and all(name.startswith("Runder Tisch Spielplätze") for name in names)
    assert profile["networks"][0]["kind_label"] == "Runder Tisch"
    body = api_get("/api/v1/district-profiles").content.decode()
    assert SECRET_NAME not in body and SECRET_EMAIL not in body and "Interner Arbeitskreis" not in body
    assert items(api_get("/api/v1/district-profiles", district=District.objects.order_by("-number").first().pk)) == []


def test_only_published_concern_summaries_and_never_the_residents_words(public_data, api_get):
    found = items(api_get("/api/v1/concern-summaries"))
    assert [item["id"] for item in found] == [public_data["concern"].pk]
    summary = found[0]
    assert summary["summary"].startswith("Eine Laterne am Spielplatz brannte nicht")
    assert summary["status"] == "solved" and summary["status_label"] == "Gelöst"
    assert summary["category"] == "Straßenbeleuchtung"
    body = api_get("/api/v1/concern-summaries").content.decode()
    assert SECRET_TEXT not in body and SECRET_EMAIL not in body and "Noch nicht frei" not in body
    assert items(api_get("/api/v1/concern-summaries", status=ConcernStatus.RECEIVED.value)) == []


def test_a_summary_taken_back_disappears(public_data, api_get):
    concern = public_data["concern"]
    concern.published_at = None
    concern.save()
    assert items(api_get("/api/v1/concern-summaries")) == []


def test_rooms_and_their_busy_times_without_bookers_or_purposes(public_data, api_get):
    rooms = items(api_get("/api/v1/rooms"))
    assert [room["id"] for room in rooms] == [public_data["room"].pk]
    room = rooms[0]
    assert room["step_free"] is True and room["capacity"] == 60
    assert room["busy_times_ics"] == f"/raeume/{room['slug']}/belegung.ics"
    busy = items(api_get("/api/v1/room-busy-times", room=room["id"]))
    assert [item["id"] for item in busy] == [public_data["approved_date"].pk]  # the request is not busy yet
    assert set(busy[0]) == {"id", "room_id", "start", "end"}
    body = api_get("/api/v1/room-busy-times").content.decode() + api_get("/api/v1/rooms").content.decode()
    assert SECRET_TEXT not in body and SECRET_NAME not in body and "Abstellraum" not in body


def test_the_report_figures_are_the_pages(public_data, api_get):
    year = timezone.localdate().year
    district = District.objects.order_by("number").first()
    response = api_get("/api/v1/report", year=year, district=district.pk)
    assert response.status_code == 200, response.content[:300]
    report = response.json()
    assert report["year"] == year and report["district_id"] == district.pk
    assert report["url"] == f"/berichte/?jahr={year}&stadtbezirk={district.slug}"
    scope = ReportScope(year, district=district, units=report_queries.all_units())
    expected = {table.key: table for entry in report_queries.compute(scope) for table in entry.tables}
    got = {table["key"]: table for section in report["sections"] for table in section["tables"]}
    assert set(got) == set(expected)
    for key, table in expected.items():
        assert got[key]["rows"] == [
            [None if c is None else c if isinstance(c, int | float) else str(c) for c in row] for row in table.rows
        ], key
    names = [section["name"] for section in report["sections"]]
    assert "concerns" in names and "bookings" in names
    concerns = got["concerns_by_district"]["rows"]
    assert concerns[0][0] == district.name and concerns[0][1] == 2  # both concerns of the district this year


@pytest.mark.parametrize(
    "params, status",
    [
        ({}, 422),
        ({"year": 1999}, 422),
        ({"year": "zwanzig"}, 422),
        ({"year": 2026, "district": 999999}, 404),
        ({"year": 2026, "department": 0}, 422),
    ],
)
def test_bad_report_parameters_are_a_clear_4xx(db, api_get, params, status):
    response = api_get("/api/v1/report", **params)
    assert response.status_code == status, response.content[:300]
    assert "detail" in response.json()


def test_a_unit_of_another_kind_is_not_a_department(db, api_get):
    directorate = OrgUnitFactory(kind=OrgUnit.Kind.DIRECTORATE, short_name="Dez. VI", name="Baudezernat")
    assert api_get("/api/v1/report", year=2026, department=directorate.pk).status_code == 404
    assert api_get("/api/v1/report", year=2026, directorate=directorate.pk).status_code == 200


def test_no_two_schemas_share_a_name():
    """The OpenAPI components are named by class: two schemas of one name would silently describe each other's
    answers (found by schemathesis when the report's figures were first called ReportOut)."""
    import inspect

    from ninja import Schema

    from stadtdialog.api import schemas, schemas_city

    def names(module):
        return {
            name
            for name, obj in vars(module).items()
            if inspect.isclass(obj) and issubclass(obj, Schema) and obj.__module__ == module.__name__
        }

    assert names(schemas) & names(schemas_city) == set()


def test_funding_rounds_and_funded_projects_without_applicants(public_data, api_get):
    funded = public_data["funded"]
    rounds = items(api_get("/api/v1/funding-rounds"))
    mine = next(item for item in rounds if item["id"] == funded.round_id)
    assert mine["budget"] == "60000.00" and mine["approved"] == "6000.00" and mine["remaining"] == "54000.00"
    assert mine["url"] == f"/foerderung/{mine['slug']}/"
    projects = items(api_get("/api/v1/funded-projects", round=funded.round_id))
    assert [project["id"] for project in projects] == [funded.pk]  # the one still on the agenda is not there
    assert projects[0]["approved_amount"] == "6000.00" and projects[0]["title"] == funded.title
    body = api_get("/api/v1/funded-projects").content.decode() + api_get("/api/v1/funding-rounds").content.decode()
    assert SECRET_NAME not in body and SECRET_EMAIL not in body and "Stadtbezirksrat Linden-Limmer" not in body
    assert "Noch offen" not in body
    assert items(api_get("/api/v1/funded-projects", district=District.objects.get(number=1).pk)) == []
