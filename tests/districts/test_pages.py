"""The public district list and page (issue 12, item 1): content, constant queries, the cache and its invalidation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.districts import services
from stadtdialog.organisation.models import District
from tests.events.factories import EventFactory
from tests.factories import PlanFactory, UserFactory, published_process

from .factories import GOOD_CSV, contact_point, linden, manager_of, network, note

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_thirteen_districts_without_a_map_when_no_boundary_exists(client):
    html = client.get(reverse("districts:list")).content.decode()
    assert html.count('href="/stadtbezirke/') >= 13
    assert "Linden-Limmer" in html and "Döhren-Wülfel" in html
    assert 'id="district-map"' not in html


def test_the_list_shows_the_map_where_boundaries_exist(client):
    square = {"type": "Polygon", "coordinates": [[[9.7, 52.35], [9.72, 52.35], [9.72, 52.37], [9.7, 52.35]]]}
    District.objects.filter(slug="linden-limmer").update(boundary=square)
    from stadtdialog.districts.queries import invalidate

    invalidate()
    html = client.get(reverse("districts:list")).content.decode()
    assert 'id="district-map"' in html and "district-map-config" in html


def test_the_district_page_shows_managers_council_quarters_work_and_networks(client):
    district = linden()
    manager_of(district)
    plan = PlanFactory(title="Neugestaltung Lindener Marktplatz", districts=[district])
    process = published_process(plan=plan, title="Beteiligung Marktplatz")
    EventFactory(title="Stadtteilspaziergang Linden-Süd", district=district, process=process, org_unit=None)
    network(district)
    note(district)
    note(district, title="Interne Beobachtung", is_public=False)
    contact_point(district)
    html = client.get(reverse("districts:detail", args=["linden-limmer"])).content.decode()
    for text in [
        "Sabine Lindemann",
        "stadtbezirksmanagement.linden@hannover-stadt.example",
        "Stadtbezirksrat Linden-Limmer",
        "Linden-Nord",
        "Neugestaltung Lindener Marktplatz",
        "Beteiligung Marktplatz",
        "Stadtteilspaziergang Linden-Süd",
        "Runder Tisch Linden-Süd",
        "Viele aktive Vereine",
        reverse("events:district_ics", args=["linden-limmer"]),
        reverse("districts:directory_pdf", args=["linden-limmer"]),
    ]:
        assert text in html, text
    assert "Interne Beobachtung" not in html
    assert "Log in to follow" in html or "Anmelden" in html  # the follow button of notifications


def test_the_follow_button_follows_the_district(client):
    user = UserFactory()
    client.force_login(user)
    district = linden()
    html = client.get(reverse("districts:detail", args=[district.slug])).content.decode()
    assert 'name="type" value="district"' in html
    client.post(reverse("notifications:follow"), {"type": "district", "id": district.pk, "action": "follow"})
    assert user.follows.filter(object_id=district.pk).exists()


def test_an_unknown_district_is_404(client):
    assert client.get(reverse("districts:detail", args=["atlantis"])).status_code == 404


def _count(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_district_page_queries_do_not_grow_with_plans_and_events(client):
    district = linden()
    manager_of(district)
    url = reverse("districts:detail", args=[district.slug])
    published_process(plan=PlanFactory(districts=[district]))
    EventFactory(district=district)
    network(district)
    contact_point(district)
    services.import_indicators(None, GOOD_CSV)
    small = _count(client, url)
    for n in range(15):
        plan = PlanFactory(title=f"Vorhaben {n}", districts=[district])
        published_process(plan=plan)
        EventFactory(district=district, title=f"Termin {n}")
        network(district, name=f"Netzwerk {n}")
        contact_point(district, name=f"Beratung {n}")
    manager_of(district, full_name="Zweite Vertretung", kind="district_deputy")
    assert _count(client, url) <= small
    assert _count(client, reverse("districts:list")) <= 6


def test_the_page_is_cached_and_follows_changes(client, django_assert_max_num_queries):
    district = linden()
    url = reverse("districts:detail", args=[district.slug])
    client.get(url)
    with django_assert_max_num_queries(3):  # the district itself, the follow state, the extension places
        client.get(url)
    PlanFactory(title="Neuer Spielplatz Fössestraße", districts=[district])
    assert "Neuer Spielplatz Fössestraße" in client.get(url).content.decode()
    network(district, name="Forum Limmer")
    assert "Forum Limmer" in client.get(url).content.decode()
