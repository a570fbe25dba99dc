"""The public plan page reads a fixed, small number of queries (issue 19): its data (the plan with departments,
districts, quarters, fields of action, council papers with their consultations and attachments, the published
processes with phases, contacts and concept, the overdue milestones) is kept in the shared cache per plan under a
page version (plans/page_cache.py); a warm page needs that one cache read and the city's and footer's, with the
production cache (the database's table). Every change of what the page shows is on the page at once."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.outcomes.models import CouncilPaperConsultation, Milestone
from tests.factories import AttachmentFactory, CouncilPaperFactory, PhaseFactory, published_process
from tests.plans.test_public_detail import full_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "stadtdialog_cache"}
    }
    call_command("createcachetable", verbosity=0)


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_plan_page_with_council_papers_needs_at_most_six_queries(client, database_cache, django_assert_max_num_queries):
    plan, process = full_plan()
    paper = plan.council_papers.get()
    CouncilPaperConsultation.objects.create(paper=paper, position=1, organization="Rat", role="Entscheidung")
    Milestone.objects.create(process=process, title="Bauantrag", planned_start="2020-01-01", planned_end="2020-02-01")
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)
    # the page's data and its version (one cache read); the city and the footer (one cache read)
    with django_assert_max_num_queries(6):
        html = client.get(url).content.decode()
    for text in ("Linden-Limmer", "Linden-Mitte", "Online-Dialog Küchengartenplatz", "1736/2018", "Rat", "Bauantrag"):
        assert text in html
    assert "Lageplan Küchengarten" in html


def test_plan_page_queries_do_not_grow_with_processes_papers_and_milestones(client, database_cache):
    plan, process = full_plan()
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)
    warm_small, _ = _queries(client, url)
    plan.council_papers.add(CouncilPaperFactory())  # the first read after a change (the page's data read afresh)
    cold_small, _ = _queries(client, url)
    for n in range(10):
        other = published_process(plan=plan, title=f"Verfahren {n}")
        PhaseFactory(process=other)
        PhaseFactory(process=process)
        paper = CouncilPaperFactory()
        plan.council_papers.add(paper)
        CouncilPaperConsultation.objects.create(paper=paper, position=1, organization=f"Bezirksrat {n}")
        AttachmentFactory(plan=plan)
        Milestone.objects.create(
            process=process, title=f"Meilenstein {n}", planned_start="2020-01-01", planned_end="2020-02-01"
        )
    cold_large, html = _queries(client, url)
    warm_large, _ = _queries(client, url)
    assert "Verfahren 9" in html and "Meilenstein 9" in html and "Bezirksrat 9" in html
    assert cold_large <= cold_small
    assert warm_large <= warm_small <= 6


@pytest.mark.parametrize("change", ["plan", "district", "paper", "consultation", "attachment", "phase", "milestone"])
def test_every_change_of_what_the_page_shows_is_there_at_once(client, database_cache, change):
    plan, process = full_plan()
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)
    client.get(url)  # kept
    if change == "plan":
        plan.summary = "Neue Kurzbeschreibung"
        plan.save()
        expected = "Neue Kurzbeschreibung"
    elif change == "district":
        district = plan.districts.first()
        district.name = "Bezirk mit neuem Namen"
        district.save()
        expected = "Bezirk mit neuem Namen"
    elif change == "paper":
        paper = plan.council_papers.get()
        paper.title = "Geänderter Beschluss"
        paper.save()
        expected = "Geänderter Beschluss"
    elif change == "consultation":
        CouncilPaperConsultation.objects.create(paper=plan.council_papers.get(), position=1, organization="Stadtrat X")
        expected = "Stadtrat X"
    elif change == "attachment":
        AttachmentFactory(plan=plan, title="Neuer Lageplan")
        expected = "Neuer Lageplan"
    elif change == "phase":
        PhaseFactory(process=process, title="Werkstatt am Platz", start=datetime.date(2026, 5, 1))
        expected = "Werkstatt am Platz"
    else:
        Milestone.objects.create(
            process=process, title="Überfälliger Schritt", planned_start="2020-01-01", planned_end="2020-02-01"
        )
        expected = "Überfälliger Schritt"
    assert expected in client.get(url).content.decode()
