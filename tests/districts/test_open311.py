"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) with the CitySDK detailed_status, tested with the
specification's examples adapted to Hannover: discovery, services, a service definition, GET requests with the
filters, POST with and without an API key, requests/<id>, every bad input in the error format, XML and JSON."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.utils import timezone

from stadtdialog.districts import services_concerns as services
from stadtdialog.districts.models.concerns import Concern, ConcernStatus
from stadtdialog.organisation.models import Quarter
from tests.districts.test_concerns import RESIDENT, bring, concern_world, immediately

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    immediately(monkeypatch)


@pytest.fixture
def w():
    return concern_world()


def get_json(client, path, expect=200, **params):
    response = client.get(f"{BASE}/{path}.json", params)
    assert response.status_code == expect, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def get_xml(client, path, expect=200, **params):
    response = client.get(f"{BASE}/{path}.xml", params)
    assert response.status_code == expect, response.content[:500]
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(response.content)


def assert_error(data, code):
    """The specification's error format: a list of {code, description}."""
    assert isinstance(data, list) and data
    for error in data:
        assert set(error) == {"code", "description"} and error["code"] == code and error["description"]


def published(w, text="Parkbank kaputt", status=None, **extra):
    concern = bring(w, text, consent_publish=True, **extra).concern
    services.publish_summary(w["manager"], concern, summary=f"Zusammenfassung: {text}")
    if status == "referred":
        services.refer(w["manager"], concern, unit=w["parks"], note="Bitte an FB 67 wenden.")
    elif status == "in_progress":
        services.take_care(w["manager"], concern)
    return Concern.objects.get(pk=concern.pk)


def test_discovery(client, w):
    data = get_json(client, "discovery")
    assert data["changeset"] and data["contact"]
    (endpoint,) = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = get_xml(client, "discovery")
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == ["text/xml", "application/json"]


def test_services_and_a_definition(client, w):
    data = get_json(client, "services")
    by_code = {service["service_code"]: service for service in data}
    assert by_code["strassen"] == {
        "service_code": "strassen",
        "service_name": "Straßen und Wege",
        "description": "",
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "",
    }
    assert by_code["gruenflaechen"]["metadata"] is False
    root = get_xml(client, "services")
    assert root.tag == "services" and {s.findtext("service_code") for s in root} == {"gruenflaechen", "strassen"}
    assert root.find("service/metadata").text in {"true", "false"}
    definition = get_json(client, "services/strassen")
    assert definition["service_code"] == "strassen"
    (attribute,) = definition["attributes"]
    assert attribute["code"] == "ANSWER" and attribute["variable"] is True and attribute["datatype"] == "string"
    assert attribute["description"] == "Wo genau (Hausnummer, Kreuzung)?" and attribute["required"] is False
    root = get_xml(client, "services/strassen")
    assert root.tag == "service_definition" and root.find("attributes/attribute/code").text == "ANSWER"
    assert_error(get_json(client, "services/gibtsnicht", expect=404), 404)
    root = get_xml(client, "services/gibtsnicht", expect=404)
    assert root.tag == "errors" and root.find("error/code").text == "404"


def test_get_requests_only_published_and_anonymised(client, w):
    shown = published(w, "Bank umgekippt", status="referred")
    hidden = bring(w, "Nicht veröffentlicht, mit Adresse Fössestraße 7").concern
    data = get_json(client, "requests")
    assert [item["service_request_id"] for item in data] == [str(shown.pk)]
    item = data[0]
    assert item["status"] == "closed" and item["service_code"] == "gruenflaechen"
    assert item["description"] == "Zusammenfassung: Bank umgekippt"
    assert item["address"] == "Linden-Mitte, Landeshauptstadt Hannover"
    assert "lat" not in item and "long" not in item and item["media_url"] == ""
    assert "extended_attributes" not in item
    text = json.dumps(data, ensure_ascii=False)
    assert RESIDENT not in text and "Fössestraße" not in text
    with_ext = get_json(client, "requests", extensions="true")
    assert with_ext[0]["extended_attributes"]["detailed_status"] == "PROCESSED"
    assert_error(get_json(client, f"requests/{hidden.pk}", expect=404), 404)
    assert get_json(client, f"requests/{shown.pk}")[0]["service_request_id"] == str(shown.pk)
    root = get_xml(client, f"requests/{shown.pk}", extensions="true")
    assert root.tag == "service_requests" and root.find("request/status").text == "closed"
    assert root.find("request/extended_attributes/detailed_status").text == "PROCESSED"


def test_get_requests_filters(client, w):
    open_one = published(w, "Laterne defekt", status="in_progress")
    closed_one = published(w, "Bank umgekippt", status="referred")
    road = published(w, "Schlagloch", category="road")
    old = published(w, "Alt")
    Concern.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=200))

    def ids(**params):
        return {int(item["service_request_id"]) for item in get_json(client, "requests", **params)}

    assert ids() == {open_one.pk, closed_one.pk, road.pk}  # the default span: 90 days
    assert ids(status="open") == {open_one.pk, road.pk}
    assert ids(status="closed") == {closed_one.pk}
    assert ids(status="open,closed") == {open_one.pk, closed_one.pk, road.pk}
    assert ids(service_code="strassen") == {road.pk}
    assert ids(service_code="strassen,gruenflaechen", status="open") == {open_one.pk, road.pk}
    start = (timezone.now() - datetime.timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - datetime.timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(start_date=start, end_date=end) == {old.pk}
    assert ids(start_date=start) == {open_one.pk, closed_one.pk, road.pk, old.pk}
    assert ids(service_request_id=f"{road.pk},{old.pk}") == {road.pk, old.pk}
    assert ids(detailed_status="PROCESSED") == {closed_one.pk}
    assert ids(extensions="true", detailed_status="IN_PROCESS,RECEIVED") == {open_one.pk, road.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "gestern"},
        {"end_date": "2026-13-45T00:00:00Z"},
        {"start_date": "2026-06-24T00:00:00Z", "end_date": "2026-05-24T00:00:00Z"},
        {"status": "offen"},
        {"service_request_id": "1,zwei"},
        {"detailed_status": "ERLEDIGT"},
    ],
)
def test_get_requests_bad_input(client, w, params):
    assert_error(get_json(client, "requests", expect=400, **params), 400)
    root = get_xml(client, "requests", expect=400, **params)
    assert root.tag == "errors" and root.find("error/code").text == "400" and root.find("error/description").text


# The specification's POST example, with a point in Linden (and its answer to the service's attribute).
SPEC_POST = {
    "service_code": "strassen",
    "lat": "52.3705",
    "long": "9.7203",
    "address_string": "Linden-Mitte, Limmerstraße 1",
    "email": RESIDENT,
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "111111111",
    "description": "Ein großes Schlagloch zerstört die Straße.",
    "media_url": "http://www.city.gov/media/1234.jpg",
    "attribute[ANSWER]": "vor Hausnummer 1",
}


def test_post_with_an_api_key(client, w):
    client_app, key = services.create_open311_client(w["admin"], name="Hannover-App")
    response = client.post(f"{BASE}/requests.json", {**SPEC_POST, "api_key": key})
    assert response.status_code == 200, response.content
    (created,) = response.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    concern = Concern.objects.get(pk=int(created["service_request_id"]))
    assert concern.client == client_app and concern.confirmed_at is not None
    assert concern.source == Concern.Source.OPEN311 and concern.answer == "vor Hausnummer 1"
    assert concern.quarter == Quarter.objects.get(name="Linden-Mitte") and concern.district == w["linden"]
    assert concern.status == ConcernStatus.RECEIVED and "Limmerstraße" in concern.text
    assert mail.outbox[-1].to == [RESIDENT] and "/anliegen/status/" in mail.outbox[-1].body
    # not public: it is not published
    assert_error(get_json(client, f"requests/{concern.pk}", expect=404), 404)
    xml = client.post(f"{BASE}/requests.xml", {**SPEC_POST, "api_key": key})
    root = ET.fromstring(xml.content)
    assert root.tag == "service_requests" and root.find("request/service_request_id").text.isdigit()


def test_post_without_key_waits_for_the_confirmation(client, w):
    response = client.post(f"{BASE}/requests.json", {**SPEC_POST, "district": "linden-limmer"})
    assert response.status_code == 200, response.content
    concern = Concern.objects.get(pk=int(response.json()[0]["service_request_id"]))
    assert concern.confirmed_at is None and concern.client is None
    assert not Concern.objects.filter(confirmed_at__isnull=False).exists()
    client.force_login(w["manager"])
    assert f"Nr. {concern.pk}<" not in client.get("/verwaltung/anliegen/").content.decode()
    client.logout()
    token = re.search(r"/anliegen/status/([^/\s]+)/", mail.outbox[-1].body).group(1)
    assert "bestätigen" in mail.outbox[-1].body
    assert client.get(f"/anliegen/status/{token}/").status_code == 200
    concern.refresh_from_db()
    assert concern.confirmed_at is not None


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"api_key": "falsch"}, 403),
        ({"service_code": ""}, 400),
        ({"service_code": "gibtsnicht"}, 404),
        ({"lat": "nord"}, 400),
        ({"long": ""}, 400),
        ({"lat": "", "long": "", "address_string": ""}, 400),
        ({"description": ""}, 400),
        ({"email": ""}, 400),
        ({"email": "keine-adresse"}, 400),
        ({"description": "x" * 3001}, 400),
        ({"lat": "10.0", "long": "10.0"}, 400),  # outside the city
        ({"district": "atlantis"}, 400),
    ],
)
def test_post_bad_input_in_the_error_format(client, w, change, code):
    data = {**SPEC_POST, **change}
    response = client.post(f"{BASE}/requests.json", data)
    assert response.status_code == code, response.content
    assert_error(response.json(), code)
    response = client.post(f"{BASE}/requests.xml", data)
    assert response.status_code == code
    root = ET.fromstring(response.content)
    assert root.tag == "errors" and root.find("error/code").text == str(code)
    assert not Concern.objects.exists()


def test_required_attribute_and_a_deactivated_key(client, w):
    from stadtdialog.districts.models.concerns import ConcernCategory

    ConcernCategory.objects.filter(code="strassen").update(question_required=True)
    response = client.post(f"{BASE}/requests.json", {**SPEC_POST, "attribute[ANSWER]": ""})
    assert response.status_code == 400 and "ANSWER" in response.json()[0]["description"]
    client_app, key = services.create_open311_client(w["admin"], name="Alte App")
    services.deactivate_open311_client(w["admin"], client_app)
    response = client.post(f"{BASE}/requests.json", {**SPEC_POST, "api_key": key})
    assert response.status_code == 403


def test_unknown_format_and_method(client, w):
    assert client.get(f"{BASE}/services.csv").status_code == 404
    assert client.delete(f"{BASE}/requests.json").status_code == 405


def test_anonymous_posts_cannot_flood_a_mailbox(client, w):
    for _ in range(3):
        assert client.post(f"{BASE}/requests.json", {**SPEC_POST, "district": "10"}).status_code == 200
    response = client.post(f"{BASE}/requests.json", {**SPEC_POST, "district": "10"})
    assert response.status_code == 429
    assert_error(response.json(), 429)
    assert len(mail.outbox) == 3


def test_admin_adds_a_client_and_sees_its_key_once(client, w):
    from stadtdialog.districts.models.concerns import Open311Client

    client.force_login(w["admin"])
    response = client.post("/verwaltung/anliegen/open311/", {"action": "create", "name": "Stadtteil-App"})
    key = re.search(r'<code id="new-key">([^<]+)</code>', response.content.decode()).group(1)
    app = Open311Client.objects.get()
    assert app.key_hash == services.hash_token(key) and key not in app.key_hash
    assert key not in client.get("/verwaltung/anliegen/open311/").content.decode()
    assert client.post(f"{BASE}/requests.json", {**SPEC_POST, "api_key": key}).status_code == 200
    client.post("/verwaltung/anliegen/open311/", {"action": "deactivate", "client": app.pk})
    assert client.post(f"{BASE}/requests.json", {**SPEC_POST, "api_key": key}).status_code == 403
    assert client.post("/verwaltung/anliegen/open311/", {"action": "deactivate", "client": "²"}).status_code == 404
