"""The API's lists of the district work: the district conferences' published agreements and the action programmes,
exactly as public as the district page (no minutes' text, reasons, target groups, notes, disputes, escalations or
people)."""

import pytest
from django.utils import timezone

from stadtdialog.api import queries
from stadtdialog.districts import queries_conferences, queries_programmes

from .conftest import SECRET_EMAIL, SECRET_NAME, SECRET_PHONE, SECRET_TEXT, seed_district_work

pytestmark = pytest.mark.django_db

SECRETS = (SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, SECRET_TEXT, "Zielgruppe", "Zugang über", "Streit")


@pytest.fixture
def work(db, settings):
    settings.API_RATE_LIMIT = 0
    return [seed_district_work() for _ in range(3)]


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    return response.json()["items"]


def test_conferences_show_the_agreements_of_published_minutes_as_the_district_page(work, api_get):
    found = items(api_get("/api/v1/district-conferences"))
    assert [c["id"] for c in found] == [w["conference"].pk for w in work]  # never the one without minutes
    first, district = found[0], work[0]["work_district"]
    assert first["district"] == {"number": district.number, "name": district.name, "slug": district.slug}
    assert first["held_on"] == timezone.localtime(work[0]["conference"].starts_at).date().isoformat()
    (agreement,) = first["agreements"]
    summary = queries_conferences.public_summary(district)
    assert agreement == summary["agreements"][0]  # the district page's own data
    assert [(i["status"], i["status_label"]) for i in agreement["items"]] == [
        ("in_progress", "In Arbeit"),  # disputed (and escalated): published as in progress
        ("done", "Gemeldet erledigt"),
    ]  # by due date
    assert agreement["items"][0]["overdue"] is True and (first["done"], first["total"]) == (1, 2)
    assert set(agreement["items"][0]) == {"unit", "measure", "starts_on", "due_on", "status", "status_label", "overdue"}
    body = api_get("/api/v1/district-conferences").content.decode()
    assert "Noch nicht öffentlich" not in body and "disputed" not in body
    for secret in SECRETS:
        assert secret not in body, secret


def test_conferences_filter_by_district_and_year(work, api_get):
    district = work[1]["work_district"]
    found = items(api_get("/api/v1/district-conferences", district=district.slug))
    assert [c["id"] for c in found] == [work[1]["conference"].pk]
    year = timezone.localtime(work[0]["conference"].starts_at).year
    assert len(items(api_get("/api/v1/district-conferences", year=year))) == 3
    assert items(api_get("/api/v1/district-conferences", year=year - 1)) == []
    assert items(api_get("/api/v1/district-conferences", district="gibt-es-nicht")) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "zwanzig"}, "year"),
        ({"year": "1850"}, "year"),
        ({"district": "Linden Limmer"}, "district"),
        ({"district": "a\x00b"}, "district"),
        ({"district": "x" * 101}, "district"),
    ],
)
def test_bad_filters_are_a_clear_json_error_never_a_500(work, api_get, params, field):
    for path in ("/api/v1/district-conferences", "/api/v1/action-programmes"):
        if "year" in params and "programmes" in path:
            continue
        response = api_get(path, **params)
        assert response.status_code in (400, 404, 422), (path, response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        if response.status_code == 422:
            assert field in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/district-conferences", "/api/v1/action-programmes"])
def test_pages_follow_the_cursor_and_answer_304(work, api_get, client, path):
    first = api_get(path, limit=2).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = api_get(path, limit=2, cursor=first["next_cursor"]).json()
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(ids) == 3 and ids == sorted(ids) and second["next_cursor"] is None
    response = client.get(path)
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_changed_item_changes_the_etag(work, client):
    before = client.get("/api/v1/district-conferences")
    item = work[0]["items"][0]
    item.measure = "Fahrbahnschwelle doch breiter"
    item.save()
    after = client.get("/api/v1/district-conferences", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and "doch breiter" in after.content.decode()


def test_programmes_are_the_public_programme(work, api_get):
    found = items(api_get("/api/v1/action-programmes"))
    assert [p["id"] for p in found] == [w["programme"].pk for w in work]
    district = work[0]["work_district"]
    expected = queries_programmes.public_programme(district)
    expected["updated_at"] = expected["updated_at"].isoformat().replace("+00:00", "Z")
    got = found[0]
    got["updated_at"] = got["updated_at"].replace("+00:00", "Z")
    assert got["id"] == expected["id"] and got["rounds"] == expected["rounds"]
    assert got["priorities"] == expected["priorities"] and got["other_needs"] == expected["other_needs"]
    (round_,) = got["rounds"]
    assert round_["residents"] == 1 and round_["needs"][0]["points"] == 4
    assert got["priorities"][0]["needs"] == [work[0]["need"].pk]
    assert got["url"] == f"/stadtbezirke/{district.slug}/aktionsprogramm/"
    assert [p["id"] for p in items(api_get("/api/v1/action-programmes", district=district.slug))] == [got["id"]]
    body = api_get("/api/v1/action-programmes").content.decode()
    assert "Anwohnerin" not in body  # not even the proposer's display name
    for secret in SECRETS:
        assert secret not in body, secret


def test_an_unpublished_programme_disappears(work, api_get):
    programme = work[0]["programme"]
    programme.is_published = False
    programme.save()
    assert work[0]["programme"].pk not in [p["id"] for p in items(api_get("/api/v1/action-programmes"))]


def test_the_url_helper_gives_reverse_for_slugs(work):
    from django.urls import reverse

    for name in ("districts:detail", "office:room", "office:funding_round"):
        assert queries._link(name)("linden-limmer") == reverse(name, args=["linden-limmer"])


def test_in_the_catalogue_and_the_download_with_german_headers_and_neutralised_formulas(work, client):
    import csv
    import io
    import zipfile

    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from rdflib import Graph, namespace

    from stadtdialog.api import opendata

    graph = Graph().parse(data=client.get("/dcat/catalog.ttl").content.decode(), format="turtle")
    urls = {str(url) for url in graph.objects(None, namespace.DCAT.accessURL)}
    assert any(url.endswith("/api/v1/district-conferences") for url in urls)
    assert any(url.endswith("/api/v1/action-programmes") for url in urls)
    programme = work[0]["programme"]
    programme.summary = "=HYPERLINK(1)"
    programme.save()
    call_command("build_open_data", stdout=io.StringIO())
    with default_storage.open(opendata.FILE_NAME, "rb") as handle, zipfile.ZipFile(handle) as archive:
        conferences = list(
            csv.reader(io.StringIO(archive.read("stadtbezirkskonferenzen.csv").decode("utf-8-sig")), delimiter=";")
        )
        programmes = list(
            csv.reader(io.StringIO(archive.read("aktionsprogramme.csv").decode("utf-8-sig")), delimiter=";")
        )
        text = archive.read("stadtbezirkskonferenzen.csv").decode() + archive.read("aktionsprogramme.csv").decode()
    assert conferences[0][:3] == ["ID", "Stadtbezirk", "Datum"] and len(conferences) == 4
    assert conferences[1][0] == str(work[0]["conference"].pk) and conferences[1][-2:] == ["1", "2"]
    assert programmes[0][:3] == ["ID", "Stadtbezirk", "Titel"] and len(programmes) == 4
    assert not programmes[1][3].startswith("=")
    for secret in SECRETS:
        assert secret not in text, secret
