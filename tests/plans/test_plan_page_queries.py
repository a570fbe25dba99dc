"""The public plan page reads a fixed, small number of queries (issue 19): at most 6 for a plan with districts,
quarters, fields of action and a published process, with the production cache (the database's table); council
papers and attachments cost queries only when the plan has them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from stadtdialog.outcomes.models import Milestone
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


def test_plan_page_needs_at_most_six_queries(client, database_cache, django_assert_max_num_queries):
    plan, process = full_plan()
    plan.council_papers.clear()
    plan.attachments.all().delete()
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)
    # the plan; its districts, quarters and fields; the city and footer (one cache read); processes; phases;
    # overdue milestones
    with django_assert_max_num_queries(6):
        html = client.get(url).content.decode()
    assert "Linden-Limmer" in html and "Linden-Mitte" in html and "Online-Dialog Küchengartenplatz" in html


def test_plan_page_queries_do_not_grow_with_its_data(client, database_cache, django_assert_max_num_queries):
    plan, process = full_plan()
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)
    with django_assert_max_num_queries(9):  # six, plus council papers, their consultations and the attachments
        client.get(url)
    for n in range(10):
        published_process(plan=plan, title=f"Verfahren {n}")
        PhaseFactory(process=process)
        plan.council_papers.add(CouncilPaperFactory())
        AttachmentFactory(plan=plan)
        Milestone.objects.create(
            process=process, title=f"Meilenstein {n}", planned_start="2020-01-01", planned_end="2020-02-01"
        )
    with django_assert_max_num_queries(9):
        html = client.get(url).content.decode()
    assert "Verfahren 9" in html and "Meilenstein 9" in html
