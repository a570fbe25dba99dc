"""The Atom feed, the CSV export and the map of the public plan list, each for the current filter."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from stadtdialog.plans.models import Plan
from tests.factories import PlanFactory, districts, published_process

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_the_filtered_plans(client):
    PlanFactory(title="Radweg Vahrenwald", summary="Ein neuer Radweg.", districts=districts(2))
    PlanFactory(title="Platz in Mitte", districts=districts(1))
    PlanFactory(title="Entwurf in Vahrenwald", districts=districts(2), published_at=None)
    response = client.get(reverse("plans:feed"), {"district": "vahrenwald-list"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Radweg Vahrenwald"]
    entry = entries[0]
    assert entry.findtext(f"{ATOM}summary") == "Ein neuer Radweg."
    assert (
        entry.find(f"{ATOM}link")
        .get("href")
        .endswith(reverse("plans:detail", args=[Plan.objects.get(title="Radweg Vahrenwald").pk]))
    )
    assert "Vahrenwald-List" in [c.get("term") for c in entry.findall(f"{ATOM}category")]
    assert root.findtext(f"{ATOM}title") == "Vorhaben der Stadt (gefiltert)"


def test_csv_export_has_german_headers_bom_semicolons_and_the_filtered_rows(client):
    plan = PlanFactory(
        title="Stadtteilzentrum; Linden", districts=districts(10), cost_estimate=1234567.5, participation_planned=False
    )
    PlanFactory(title="Anderswo", districts=districts(1))
    PlanFactory(title="Entwurf", districts=districts(10), published_at=None)
    response = client.get(reverse("plans:csv"), {"district": "linden-limmer"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0][:4] == ["Titel", "Kurzbeschreibung", "Status", "Federführung"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    assert row["Titel"] == "Stadtteilzentrum; Linden"
    assert row["Stadtbezirke"] == "Linden-Limmer"
    assert row["Geschätzte Kosten (EUR)"] == "1234567,50"
    assert row["Beteiligung geplant"] == "nein"
    assert row["Adresse"].endswith(plan.get_absolute_url())


def test_map_data_is_geojson_of_filtered_plans_with_a_point(client):
    PlanFactory(title="Mit Punkt", latitude=52.3705, longitude=9.7332, districts=districts(1))
    PlanFactory(title="Ohne Punkt", districts=districts(1))
    PlanFactory(title="Mit Punkt, anderer Bezirk", latitude=52.40, longitude=9.70, districts=districts(12))
    response = client.get(reverse("plans:map_data"), {"district": "mitte"})
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/geo+json"
    assert data["type"] == "FeatureCollection"
    assert data["capped"] is False
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [9.7332, 52.3705]}
    assert feature["properties"]["title"] == "Mit Punkt"


def test_map_data_is_capped(client, monkeypatch):
    from stadtdialog.plans import queries

    monkeypatch.setattr(queries, "MAP_POINT_LIMIT", 2)
    for n in range(3):
        PlanFactory(latitude=52.37, longitude=9.73 + n / 100)
    data = json.loads(client.get(reverse("plans:map_data")).content)
    assert len(data["features"]) == 2
    assert data["capped"] is True


def test_map_page_works_without_javascript(client, settings):
    settings.MAP_TILE_URL = ""
    plan = PlanFactory(title="Brücke über die Ihme", latitude=52.3661, longitude=9.7235)
    PlanFactory(title="Gesamtstädtisches Konzept", is_citywide=True)
    html = client.get(reverse("plans:map"), {"status": "preparation"}).content.decode()
    assert "Brücke über die Ihme" in html
    assert "Gesamtstädtisches Konzept" not in html
    assert f'<th scope="row"><a href="{plan.get_absolute_url()}">' in html
    assert "52,36610, 9,72350" in html
    config = json.loads(html.split('id="plan-map-config" type="application/json">')[1].split("</script>")[0])
    assert config["tileUrl"] == ""
    assert config["dataUrl"] == reverse("plans:map_data") + "?status=preparation"
    assert "style=" not in html
    assert "<script>" not in html


def test_exports_never_contain_personal_data(client):
    process = published_process()
    process.lead_contact.email = "privat.login@example.org"
    process.lead_contact.save()
    for url in (reverse("plans:feed"), reverse("plans:csv"), reverse("plans:map_data")):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"privat.login@example.org" not in body
        assert b"person" not in body  # factory login addresses are person<n>@example.org
