"""The OParl client reads from the configured server only: no requests to other hosts (SSRF), no
redirects elsewhere, bounded answers. Two real loopback servers: the OParl server and "another" one
(a different port is a different origin, just like an internal service would be)."""

import json
import time

import pytest

from stadtdialog.outcomes.oparl import OParlClient, OParlError
from stadtdialog.outcomes.oparl_http import MAX_BYTES, content_length
from tests.outcomes.oparl_server import OParlTestServer

PAPERS = "/oparl/v1/body/1/paper"
MEETING = "/oparl/v1/meeting/101"


@pytest.fixture
def server():
    with OParlTestServer() as running:
        yield running


@pytest.fixture
def other():
    with OParlTestServer() as running:
        yield running


def client_for(server, **kwargs):
    return OParlClient(server.url("/oparl/v1/system"), **kwargs)


def link_meeting_to(server, url):
    """Page 2 of the paper list names `url` as the meeting of the first consultation of 1736/2018."""
    page = json.loads(server.file_text("papers-2.json"))
    page["data"][0]["consultation"][0]["meeting"] = url
    server.answer(f"{PAPERS}?page=2", body=json.dumps(page))


def test_a_meeting_on_another_server_is_refused_before_any_request(server, other):
    target = other.url(MEETING)
    link_meeting_to(server, target)

    with pytest.raises(OParlError) as error:
        client_for(server).find_paper("1736/2018")

    assert str(error.value) == (
        f"Die OParl-Adresse {target} liegt nicht auf dem eingestellten OParl-Server ({server.base}) und wird nicht "
        "abgerufen. Weitere Server lassen sich mit der Einstellung OPARL_ALLOWED_HOSTS erlauben."
    )
    assert other.requests == []


@pytest.mark.parametrize(
    "address",
    [
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://localhost:{port}/oparl/v1/meeting/101",  # the same machine under another name
        "https://127.0.0.1:{port}/oparl/v1/meeting/101",  # same host and port, other scheme
        "http://127.0.0.1:{port}@10.0.0.1/admin",  # user info that hides the real host
        "gopher://127.0.0.1:{port}/",
    ],
)
def test_internal_and_look_alike_addresses_are_refused(server, address):
    url = address.format(port=server.base.rsplit(":", 1)[1])
    link_meeting_to(server, url)

    with pytest.raises(
        OParlError, match=r"nicht auf dem eingestellten OParl-Server|keine http- oder https-Adresse"
    ) as error:
        client_for(server).find_paper("1736/2018")
    assert url in str(error.value)
    assert MEETING not in server.requests


def test_a_next_page_on_another_server_is_refused(server, other):
    page = json.loads(server.file_text("papers-1.json"))
    page["links"]["next"] = other.url(f"{PAPERS}?page=2")
    server.answer(PAPERS, body=json.dumps(page))

    with pytest.raises(OParlError, match=r"nicht auf dem eingestellten OParl-Server"):
        client_for(server).find_paper("1736/2018")
    assert other.requests == []


def test_a_body_list_on_another_server_is_refused(server, other):
    system = json.loads(server.file_text("system.json"))
    system["body"] = other.url("/oparl/v1/bodies")
    server.answer("/oparl/v1/system", body=json.dumps(system))

    with pytest.raises(OParlError, match=r"nicht auf dem eingestellten OParl-Server"):
        client_for(server).find_paper("1736/2018")
    assert other.requests == []


def test_further_servers_can_be_allowed_by_setting(settings, server, other):
    link_meeting_to(server, other.url(MEETING))
    settings.OPARL_ALLOWED_HOSTS = [other.base]

    paper = client_for(server).find_paper("1736/2018")

    assert paper.consultations[0].meeting == "Sitzung des Stadtentwicklungs- und Bauausschusses"
    assert other.requests == [MEETING]


def test_a_redirect_to_another_server_is_not_followed(server, other):
    server.answer(MEETING, status=302, body="", headers={"Location": other.url(MEETING)})

    with pytest.raises(OParlError) as error:
        client_for(server).find_paper("1736/2018")

    assert str(error.value) == (
        f"Der OParl-Server leitet {server.url(MEETING)} auf {other.url(MEETING)} auf einem anderen Server um; "
        "dieser Umleitung wird nicht gefolgt."
    )
    assert other.requests == []


def test_a_redirect_to_another_server_is_refused_even_if_that_server_is_allowed(settings, server, other):
    settings.OPARL_ALLOWED_HOSTS = [other.base]
    server.answer(MEETING, status=307, body="", headers={"Location": other.url(MEETING)})

    with pytest.raises(OParlError, match=r"dieser Umleitung wird nicht gefolgt"):
        client_for(server).find_paper("1736/2018")
    assert other.requests == []


def test_a_redirect_on_the_same_server_is_followed(server):
    server.answer(MEETING, status=301, body="", headers={"Location": "/oparl/v1/meeting/101-moved"})
    server.answer("/oparl/v1/meeting/101-moved", body=server.file_text("meeting-101.json"))

    paper = client_for(server).find_paper("1736/2018")

    assert paper.consultations[0].meeting == "Sitzung des Stadtentwicklungs- und Bauausschusses"
    assert "/oparl/v1/meeting/101-moved" in server.requests


@pytest.mark.parametrize("send_length", [True, False], ids=["announced", "unannounced"])
def test_an_answer_over_5_mb_is_refused(server, send_length):
    huge = json.dumps({"type": "https://schema.oparl.org/1.1/Meeting", "name": "x" * MAX_BYTES})
    server.answer(MEETING, body=huge, send_length=send_length)

    with pytest.raises(OParlError, match=r"zu groß") as error:
        client_for(server).find_paper("1736/2018")
    assert MEETING in str(error.value)
    assert MAX_BYTES == 5 * 1024 * 1024


def test_an_answer_just_under_the_limit_is_read(server):
    meeting = json.loads(server.file_text("meeting-101.json"))
    meeting["description"] = "x" * (MAX_BYTES - 1000 - len(json.dumps(meeting)))
    server.answer(MEETING, body=json.dumps(meeting), send_length=False)

    paper = client_for(server).find_paper("1736/2018")
    assert paper.consultations[0].meeting == "Sitzung des Stadtentwicklungs- und Bauausschusses"


def test_a_server_that_drips_its_answer_is_cut_off(server):
    # each byte comes within the read timeout, but the whole answer would take 3 seconds
    server.answer(MEETING, body=server.file_text("meeting-101.json")[:150], trickle=0.02)

    started = time.monotonic()
    with pytest.raises(OParlError, match=r"nicht innerhalb von 0.4 Sekunden"):
        client_for(server, timeout=0.4).find_paper("1736/2018")
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("length", ["²", "-5", "12 34", ""])
def test_a_content_length_that_is_not_a_number_is_ignored(server, length):
    """Issue 11: "²".isdigit() is True but int("²") fails; the length is parsed with ASCII digits only and the
    body is then limited while it is read."""
    server.answer(
        MEETING, body=server.file_text("meeting-101.json"), send_length=False, headers={"Content-Length": length}
    )

    paper = client_for(server).find_paper("1736/2018")
    assert paper.consultations[0].meeting == "Sitzung des Stadtentwicklungs- und Bauausschusses"


def test_content_length_parses_ascii_digits_only():
    assert content_length("5242881") == 5242881
    assert content_length(" 12 ") == 12
    assert content_length("²") is None
    assert content_length("١٢") is None
    assert content_length(None) is None
