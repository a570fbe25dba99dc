"""The map data (daten.geojson): a constant number of queries, the body cached per filter state and data version,
and the cached body following every change of the plans (issue 19)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PlanFactory, districts

pytestmark = pytest.mark.django_db
DATA = reverse("plans:map_data")


def features(client, **params) -> list[dict]:
    return json.loads(client.get(DATA, params).content)["features"]


def titles(client, **params) -> list[str]:
    return sorted(f["properties"]["title"] for f in features(client, **params))


def make_points(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        PlanFactory(title=f"Punkt {i}", latitude=52.37, longitude=9.73 + i / 1000, districts=districts(1 + i % 3))


@pytest.mark.parametrize(
    "params", [{}, {"district": "mitte"}, {"q": "Punkt", "sort": "title"}, {"status": "preparation"}]
)
def test_map_data_queries_do_not_grow_with_the_plans(client, params, django_assert_max_num_queries):
    make_points(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(DATA, params).status_code == 200
    make_points(40, start=3)
    from django.core.cache import cache

    cache.clear()  # build the body again, now from 43 plans
    with django_assert_max_num_queries(len(small)):
        response = client.get(DATA, params)
    assert response.status_code == 200
    assert json.loads(response.content)["features"], "the filter should match some plans"


def test_a_cached_map_data_body_is_served_without_reading_the_plans(client, django_assert_max_num_queries):
    make_points(3)
    client.get(DATA)
    with django_assert_max_num_queries(0):  # the test settings' cache is in memory: no query at all
        data = json.loads(client.get(DATA).content)
    assert len(data["features"]) == 3


def test_map_data_properties_are_the_labels_and_urls_of_the_plans(client):
    plan = PlanFactory(title="Brücke über die Ihme", latitude=52.3661, longitude=9.7235, status="participation")
    [feature] = features(client)
    assert feature["properties"] == {
        "title": "Brücke über die Ihme",
        "url": plan.get_absolute_url(),
        "status": plan.get_status_display(),
        "unit": plan.lead_unit.short_name,
    }
    assert feature["geometry"] == {"type": "Point", "coordinates": [9.7235, 52.3661]}


def test_the_cached_map_data_follows_new_and_changed_plans(client):
    make_points(2)
    assert titles(client) == ["Punkt 0", "Punkt 1"]
    assert titles(client, district="mitte") == ["Punkt 0"]
    PlanFactory(title="Neu", latitude=52.38, longitude=9.74, districts=districts(1))  # a new plan
    assert titles(client) == ["Neu", "Punkt 0", "Punkt 1"]
    assert titles(client, district="mitte") == ["Neu", "Punkt 0"]
    plan = PlanFactory._meta.model.objects.get(title="Punkt 0")
    plan.title = "Punkt 0 (umbenannt)"  # a changed plan
    plan.status = "completed"
    plan.save()
    [changed] = [f for f in features(client) if f["properties"]["title"].startswith("Punkt 0")]
    assert changed["properties"]["title"] == "Punkt 0 (umbenannt)"
    assert changed["properties"]["status"] == plan.get_status_display()
    plan.districts.remove(*districts(1))  # a changed link
    assert titles(client, district="mitte") == ["Neu"]
    plan.published_at = None  # back to draft
    plan.save()
    assert titles(client) == ["Neu", "Punkt 1"]


def test_each_filter_state_and_sort_has_its_own_cached_body(client, monkeypatch):
    from stadtdialog.plans import queries

    monkeypatch.setattr(queries, "MAP_POINT_LIMIT", 1)
    PlanFactory(title="A Erster", latitude=52.37, longitude=9.73)
    PlanFactory(title="Z Letzter", latitude=52.37, longitude=9.74)
    # the cap takes the first plan in the requested order, so the sort is part of the state
    newest = json.loads(client.get(DATA).content)
    by_title = json.loads(client.get(DATA, {"sort": "title"}).content)
    assert newest["capped"] is by_title["capped"] is True
    assert [f["properties"]["title"] for f in newest["features"]] == ["Z Letzter"]
    assert [f["properties"]["title"] for f in by_title["features"]] == ["A Erster"]


def test_map_data_is_sent_gzip_compressed_to_clients_that_take_it(client):
    import gzip

    make_points(2)
    plain = client.get(DATA)
    compressed = client.get(DATA, headers={"accept-encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in plain
    assert gzip.decompress(compressed.content) == plain.content
    assert len(json.loads(plain.content)["features"]) == 2
