"""The public page of a plan: its facts, processes with timelines, contacts; drafts stay private."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.accounts.models import Role
from tests.factories import (
    AttachmentFactory,
    CouncilPaperFactory,
    PhaseFactory,
    PlanFactory,
    ProcessFactory,
    districts,
    field_of_action,
    published_process,
    quarter,
    staff_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # factories hash a password for every staff contact; argon2 would make these tests slow
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def full_plan():
    plan = PlanFactory(
        title="Neugestaltung Küchengartenplatz",
        easy_language_summary="Der Platz wird schöner. Sie können mitreden.",
        description="<p>Der Platz bekommt <strong>Bäume</strong>.</p>",
        cost_estimate=1250000,
        schedule_start=datetime.date(2026, 4, 1),
        schedule_end=datetime.date(2027, 10, 31),
        latitude=52.3662,
        longitude=9.7205,
        districts=districts(10),
        quarters=[quarter("Linden-Mitte")],
        fields_of_action=[field_of_action(5)],
    )
    plan.council_papers.add(CouncilPaperFactory(number="1736/2018", title="Grundsatzbeschluss"))
    AttachmentFactory(plan=plan, title="Lageplan Küchengarten", size=2_500_000)
    AttachmentFactory(
        plan=plan, title="Foto des Platzes", kind="image", alt_text="Der Platz heute mit parkenden Autos", size=300_000
    )
    process = published_process(plan=plan, title="Online-Dialog Küchengartenplatz")
    ProcessFactory(plan=plan, title="Unveröffentlichtes Verfahren", published_at=None)
    return plan, process


def test_plan_page_shows_everything_public(client):
    plan, process = full_plan()
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<section class="box easy-language" lang="de"' in html
    assert ">Leichte Sprache</h2>" in html  # the section's heading, not the link in the header
    assert "Der Platz wird schöner. Sie können mitreden." in html
    assert "<strong>Bäume</strong>" in html
    assert "1.250.000 €" in html
    assert "04/2026 bis 10/2027" in html
    assert "Linden-Mitte" in html
    assert "10 Linden-Limmer" in html
    assert "Öffentlicher Raum und Wohnumfeld" in html
    assert 'href="https://e-government.hannover-stadt.de/lhhsimwebre.nsf/DS?OpenView&amp;Search=1736/2018"' in html
    assert "Lageplan Küchengarten" in html
    assert "2,4\xa0MB" in html
    assert 'alt="Der Platz heute mit parkenden Autos"' in html
    assert "Online-Dialog Küchengartenplatz" in html
    assert "Unveröffentlichtes Verfahren" not in html
    assert reverse("processes:concept", args=[process.pk]) in html
    # timeline with German dates, format and channel
    phase = process.phases.get()
    assert phase.start.strftime("%d.%m.%Y") in html
    assert "<strong>Online-Dialog</strong> · Dialog · Online-Dialog · Online" in html
    assert "Koordinaten: Breite 52,36620, Länge 9,72050" in html
    assert 'id="plan-map-config"' in html


def test_contacts_show_office_details_only(client):
    plan, process = full_plan()
    lead = process.lead_contact
    lead.email = "erika.privat@example.org"
    lead.save()
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Erika Mustermann" in html
    assert "0511 168-12345" in html
    assert "erika.mustermann@hannover-stadt.example" in html
    assert "erika.privat@example.org" not in html
    assert lead.display_name not in html


def test_plan_without_participation_shows_the_reason(client):
    plan = PlanFactory(participation_planned=False, no_participation_reason="Es gibt keinen Gestaltungsspielraum.")
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Eine Beteiligung ist nicht geplant." in html
    assert "Es gibt keinen Gestaltungsspielraum." in html


def test_drafts_are_hidden_from_the_public_and_previewed_by_their_staff(client):
    plan = PlanFactory(title="Geheimer Entwurf", published_at=None)
    url = reverse("plans:detail", args=[plan.pk])
    assert client.get(url).status_code == 404
    client.force_login(staff_user(org_unit=None, kind=Role.Kind.MODERATOR))
    assert client.get(url).status_code == 404
    client.force_login(staff_user(org_unit=plan.lead_unit))
    html = client.get(url).content.decode()
    assert "Geheimer Entwurf" in html
    assert "Dieses Vorhaben ist ein Entwurf." in html
    assert client.get(reverse("plans:detail", args=[999999])).status_code == 404


def test_plan_page_queries_do_not_grow(client, django_assert_max_num_queries):
    plan, process = full_plan()
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("plans:detail", args=[plan.pk]))
    for n in range(20):
        published_process(plan=plan, title=f"Verfahren {n}")
        PhaseFactory(process=process)
        plan.council_papers.add(CouncilPaperFactory())
        AttachmentFactory(plan=plan)
    plan.districts.set(districts(*range(1, 14)))
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert "Verfahren 19" in response.content.decode()
