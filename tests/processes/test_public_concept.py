"""The public process page and concept page: every public part of the concept, drafts stay private."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.accounts.models import Role
from tests.factories import GoalFactory, PhaseFactory, PlanFactory, ProcessFactory, published_process, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def concept_html(client, process) -> str:
    response = client.get(reverse("processes:concept", args=[process.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_concept_page_shows_every_public_part(client):
    process = published_process(title="Spielplatz Fössefeld")
    concept = process.concept
    concept.advisory_group = "Kinderbeauftragte, Elternrat der Kita"
    concept.external_costs = 12500
    concept.external_moderation = True
    concept.save()
    PhaseFactory(
        process=process,
        title="Rundgang",
        kind="on_site",
        format="walk",
        channel="on_site",
        start=datetime.date(2027, 5, 3),
        end=datetime.date(2027, 5, 3),
        multipliers="Stadtteilrunde Linden-Nord",
    )
    html = concept_html(client, process)
    assert html.count("<h1") == 1
    for text in (
        "Beteiligungsgegenstand",
        "Auswahl und Anordnung der Spielgeräte",
        "Welche Geräte, wo sie stehen, Sitzplätze",
        "Budget und Fläche",
        "Stadtbezirksrat Linden-Limmer",
        "Sitzung des Stadtbezirksrats",
        "März 2027",
        "Alle Beiträge werden beantwortet",
        "Bau im Sommer 2027",
        "20 Arbeitstage",
        "12.500 €",
        "Externe Moderation",
        "FB 67, FB 61",
        "Kinderbeauftragte, Elternrat der Kita",
        "Rundgang",
        "03.05.2027",
        "Stadtteilspaziergang",
        "Vor Ort",
        "Stadtteilrunde Linden-Nord",
        "Familien mit Kindern; über Kitas und Schulen",
        "Erika Mustermann",
        "Max Beispiel",
        "0511 168-12345",
    ):
        assert text in html, text
    # SMART goals as a table with header cells
    assert '<th scope="col">Indikator</th>' in html
    assert '<th scope="row">Kinder aus dem Quartier beteiligen</th>' in html
    assert "mindestens 50" in html
    assert "31.03.2027" in html
    assert "Version 1 vom" in html


def test_concept_links_to_the_version_history(client):
    process = published_process()
    html = concept_html(client, process)
    assert f'href="{reverse("processes:history", args=[process.pk])}"' in html


def test_staff_contacts_show_office_details_only(client):
    process = published_process()
    lead = process.lead_contact
    lead.email = "privat@example.org"
    lead.save()
    for name in ("processes:detail", "processes:concept"):
        html = client.get(reverse(name, args=[process.pk])).content.decode()
        assert "erika.mustermann@hannover-stadt.example" in html
        assert "privat@example.org" not in html


def test_process_page_shows_timeline_and_links_to_the_concept(client):
    process = published_process(title="Beteiligung Limmerstraße")
    html = client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    assert "Beteiligung Limmerstraße" in html
    assert "läuft gerade" in html
    assert reverse("processes:concept", args=[process.pk]) in html
    assert process.plan.get_absolute_url() in html
    assert "{#" not in html  # no template syntax leaks into the page
    assert "{%" not in html


def test_unpublished_processes_and_processes_of_drafts_are_hidden(client):
    draft_process = ProcessFactory(published_at=None)
    of_draft_plan = published_process(plan=PlanFactory(published_at=None))
    for process in (draft_process, of_draft_plan):
        for name in ("processes:detail", "processes:concept"):
            assert client.get(reverse(name, args=[process.pk])).status_code == 404
    client.force_login(staff_user(kind=Role.Kind.COUNCIL_MEMBER))
    assert client.get(reverse("processes:concept", args=[draft_process.pk])).status_code == 404
    client.force_login(staff_user(org_unit=draft_process.plan.lead_unit))
    html = client.get(reverse("processes:concept", args=[draft_process.pk])).content.decode()
    assert "Dieses Verfahren ist noch nicht veröffentlicht." in html
    assert "Das Beteiligungskonzept wurde noch nicht geschrieben." in html


@pytest.mark.parametrize("name", ["processes:detail", "processes:concept"])
def test_process_pages_queries_do_not_grow(client, name, django_assert_max_num_queries):
    process = published_process()
    with CaptureQueriesContext(connection) as small:
        client.get(reverse(name, args=[process.pk]))
    for n in range(50):
        GoalFactory(concept=process.concept, description=f"Ziel {n}")
        PhaseFactory(process=process, title=f"Phase {n}")
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse(name, args=[process.pk]))
    assert "Phase 49" in response.content.decode()
