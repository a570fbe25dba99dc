"""The OParl 1.1 client against the loopback OParl server: pages, consultations and clear German errors."""

import datetime
import json
import socket

import pytest

from stadtdialog.outcomes.oparl import OParlClient, OParlError
from tests.outcomes.oparl_server import OParlTestServer

PAPERS = "/oparl/v1/body/1/paper"


@pytest.fixture
def server():
    with OParlTestServer() as running:
        yield running


def client_for(server, **kwargs):
    return OParlClient(server.url("/oparl/v1/system"), **kwargs)


def test_fetches_a_paper_and_its_consultations_from_the_second_page(server):
    paper = client_for(server).find_paper("1736/2018")

    assert paper.number == "1736/2018"
    assert paper.title == "Neugestaltung des Küchengartenplatzes in Linden-Mitte"
    assert paper.date == datetime.date(2018, 6, 14)
    assert paper.paper_type == "Beschlussdrucksache"
    assert paper.web == server.url("/vorgang/1736-2018")
    hearing, decision = paper.consultations
    assert hearing.organization == "Stadtentwicklungs- und Bauausschuss"
    assert hearing.meeting == "Sitzung des Stadtentwicklungs- und Bauausschusses"
    assert hearing.date == datetime.date(2018, 7, 4)
    assert (hearing.role, hearing.authoritative) == ("Anhörung", False)
    assert decision.organization == "Rat der Landeshauptstadt Hannover"
    assert decision.date == datetime.date(2018, 7, 12)
    assert (decision.role, decision.authoritative) == ("Entscheidung", True)
    # found on page 2: page 3 is not read
    assert f"{PAPERS}?page=3" not in server.requests


def test_follows_next_links_to_the_last_page_and_skips_deleted_papers(server):
    paper = client_for(server).find_paper("15-1178/2022")

    pages = [path for path in server.requests if path.startswith(PAPERS)]
    assert pages == [PAPERS, f"{PAPERS}?page=2", f"{PAPERS}?page=3"]
    # page 1 holds a deleted paper with the same number; the live one on page 3 counts
    assert paper.title == "Spielplatzkonzept für den Stadtbezirk Linden-Limmer"
    assert paper.paper_type == "Antrag"
    embedded, by_url = paper.consultations
    assert embedded.meeting == "Sitzung des Stadtbezirksrates Linden-Limmer"
    assert embedded.date == datetime.date(2022, 6, 1)
    assert embedded.organization == "Stadtbezirksrat Linden-Limmer"
    assert by_url.role == "Kenntnisnahme"
    assert by_url.meeting == "Sitzung des Stadtentwicklungs- und Bauausschusses"
    assert "/oparl/v1/consultation/503" in server.requests


def test_meetings_and_organizations_are_fetched_once_per_run(server):
    found = client_for(server).find_papers(["1736/2018", "15-1178/2022"])

    assert set(found) == {"1736/2018", "15-1178/2022"}
    assert server.requests.count("/oparl/v1/meeting/101") == 1
    assert server.requests.count("/oparl/v1/organization/11") == 1


def test_a_body_url_works_as_the_entry_point(server):
    body = json.loads(server.file_text("bodies.json"))["data"][0]
    server.answer("/oparl/v1/body/1", body=json.dumps(body))

    paper = OParlClient(server.url("/oparl/v1/body/1")).find_paper("1736/2018")

    assert paper.paper_type == "Beschlussdrucksache"
    assert "/oparl/v1/system" not in server.requests


def test_an_unknown_number_is_not_found_after_all_pages(server):
    assert client_for(server).find_paper("4711/2020") is None
    assert f"{PAPERS}?page=3" in server.requests


def test_server_error_is_reported_in_german(server):
    server.answer(f"{PAPERS}?page=2", status=500, body="Internal Server Error", content_type="text/plain")

    with pytest.raises(OParlError, match=r"HTTP-Status 500") as error:
        client_for(server).find_paper("1736/2018")
    assert "?page=2" in str(error.value)


def test_malformed_json_is_reported_in_german(server):
    server.answer(f"{PAPERS}?page=2", body='{"data": [{"id": ')

    with pytest.raises(OParlError, match=r"kein gültiges JSON"):
        client_for(server).find_paper("1736/2018")


def test_json_that_is_no_object_is_refused(server):
    server.answer("/oparl/v1/system", body="[1, 2, 3]")

    with pytest.raises(OParlError, match=r"kein JSON-Objekt"):
        client_for(server).find_paper("1736/2018")


def test_an_object_of_the_wrong_type_is_refused(server):
    organization = server.file_text("organization-11.json")
    server.answer("/oparl/v1/meeting/101", body=organization)

    with pytest.raises(OParlError, match=r"ist ein OParl-Objekt vom Typ Organization, erwartet: Meeting"):
        client_for(server).find_paper("1736/2018")


def test_an_unknown_type_is_refused(server):
    system = json.loads(server.file_text("system.json"))
    system["type"] = "https://example.org/Thing"
    server.answer("/oparl/v1/system", body=json.dumps(system))

    with pytest.raises(OParlError, match=r"Typ „https://example.org/Thing“ ist unbekannt"):
        client_for(server).find_paper("1736/2018")


def test_a_page_without_data_is_refused(server):
    server.answer(f"{PAPERS}?page=2", body='{"links": {}}')

    with pytest.raises(OParlError, match=r"keine OParl-Liste"):
        client_for(server).find_paper("1736/2018")


def test_an_invalid_date_is_refused(server):
    page = json.loads(server.file_text("papers-2.json"))
    page["data"][0]["date"] = "14.06.2018"
    server.answer(f"{PAPERS}?page=2", body=json.dumps(page))

    with pytest.raises(OParlError, match=r"ungültigen Wert im Feld „date“"):
        client_for(server).find_paper("1736/2018")


def test_pages_that_link_in_a_circle_are_refused(server):
    page = json.loads(server.file_text("papers-3.json"))
    page["links"]["next"] = server.url(PAPERS)
    server.answer(f"{PAPERS}?page=3", body=json.dumps(page))

    with pytest.raises(OParlError, match=r"endet nicht"):
        client_for(server).find_paper("4711/2020")


def test_a_slow_server_times_out(server):
    server.answer(f"{PAPERS}?page=2", body="{}", delay=2)

    with pytest.raises(OParlError, match=r"nicht innerhalb von 0.3 Sekunden"):
        client_for(server, timeout=0.3).find_paper("1736/2018")


def test_an_unreachable_server_is_reported():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(OParlError, match=r"nicht erreichbar"):
        OParlClient(f"http://127.0.0.1:{port}/oparl/v1/system", timeout=2).find_paper("1736/2018")


def test_only_http_addresses_are_read():
    with pytest.raises(OParlError, match=r"keine http- oder https-Adresse"):
        OParlClient("file:///etc/passwd").find_paper("1736/2018")


def test_without_a_configured_server_the_client_says_so(settings):
    settings.OPARL_URL = ""
    with pytest.raises(OParlError, match=r"Kein OParl-Server"):
        OParlClient()


def test_a_list_longer_than_the_page_limit_is_refused(server):
    with pytest.raises(OParlError, match=r"hat mehr als 2 Seiten"):
        client_for(server, max_pages=2).find_paper("4711/2020")
