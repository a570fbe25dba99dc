"""The staff home `/verwaltung/` (issue 16, item 2): for each role what needs doing and the areas it may use; a
short explanation when nothing waits; the header names the account and links to the staff home or /konto/."""

import datetime

import pytest
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.moderation.models import Flag
from stadtdialog.processes.models import Process
from tests.dialog.dialog_factories import ContributionFactory
from tests.factories import PlanFactory, UserFactory, published_process, staff_user
from tests.outcomes.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

URL = "/verwaltung/"


def test_every_role_gets_a_page_that_is_never_empty_and_residents_are_refused(client):
    assert client.get(URL).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    for kind in Role.Kind.values:
        client.force_login(staff_user(kind))
        response = client.get(URL)
        assert response.status_code == 200, kind
        html = response.content.decode()
        assert "Was zu tun ist" in html and "Ihre Bereiche" in html
        assert 'id="nothing-to-do"' in html or 'class="section todo"' in html or "pages-to-write" in html, kind


def test_department_staff_see_unanswered_contributions_oldest_first_drafts_and_overdue_milestones(client):
    process = published_process(title="Beteiligung Küchengarten")
    unit = process.plan.lead_unit
    newer = ContributionFactory(process=process, title="Neuere Frage")
    older = ContributionFactory(process=process, title="Ältere Frage")
    older.created_at = newer.created_at - datetime.timedelta(days=3)
    older.save()
    PlanFactory(lead_unit=unit, title="Entwurf Stadtplatz", published_at=None)
    Process.objects.create(plan=process.plan, title="Zweite Beteiligung im Entwurf")
    MilestoneFactory(
        process=process,
        title="Bänke aufstellen",
        planned_start=datetime.date(2020, 1, 1),
        planned_end=datetime.date(2020, 1, 31),
    )
    other_unit_plan = PlanFactory(title="Fremder Entwurf", published_at=None)
    client.force_login(staff_user(org_unit=unit))
    html = client.get(URL).content.decode()
    assert html.index("Ältere Frage") < html.index("Neuere Frage")
    assert "Entwurf Stadtplatz" in html and "Zweite Beteiligung im Entwurf" in html
    assert "Bänke aufstellen" in html
    assert other_unit_plan.title not in html
    assert reverse("plans:staff_list") in html  # the area link
    assert 'id="nothing-to-do"' not in html


def test_moderators_see_the_queue_and_nothing_else(client):
    contribution = ContributionFactory(title="Gemeldeter Beitrag")
    Flag.objects.create(target=contribution, reason="Beleidigend", reporter=UserFactory())
    client.force_login(staff_user(Role.Kind.MODERATOR))
    html = client.get(URL).content.decode()
    assert 'id="moderation-queue"' in html and reverse("moderation:queue") in html
    assert "Gemeldeter Beitrag" not in html  # no unanswered list for a moderator
    assert reverse("plans:staff_list") not in html


def test_a_role_with_nothing_to_do_reads_why_the_page_is_empty(client):
    client.force_login(staff_user(Role.Kind.MODERATOR))
    html = client.get(URL).content.decode()
    assert 'id="nothing-to-do"' in html and "Zurzeit wartet nichts auf Sie" in html


def test_placeholder_pages_are_flagged_for_the_admin_until_edited(client):
    client.force_login(staff_user(Role.Kind.ADMIN))
    html = client.get(URL).content.decode()
    assert reverse("core:page_edit", args=["impressum"]) in html


def test_the_staff_home_needs_the_same_queries_with_more_work(client, django_assert_max_num_queries):
    process = published_process()
    client.force_login(staff_user(Role.Kind.ADMIN))

    def more_work():
        for _ in range(6):
            ContributionFactory(process=process)
            MilestoneFactory(
                process=process, planned_start=datetime.date(2020, 1, 1), planned_end=datetime.date(2020, 1, 31)
            )
            PlanFactory(published_at=None)

    more_work()
    client.get(URL)
    with django_assert_max_num_queries(40) as few:
        client.get(URL)
    more_work()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_the_header_names_the_account_and_links_to_the_right_home(client):
    client.force_login(UserFactory(display_name="Ronja Anwohnerin"))
    html = client.get(reverse("plans:list")).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "Ronja Anwohnerin" in header and reverse("accounts:home") in header
    assert f'href="{URL}"' not in header
    client.force_login(staff_user(Role.Kind.COORDINATION, display_name="Kai Koordination"))
    html = client.get(reverse("plans:list")).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "Kai Koordination" in header and "Koordinierungsstelle" in header and f'href="{URL}"' in header
    client.logout()
    header = client.get(reverse("plans:list")).content.decode()
    assert "Kai Koordination" not in header and "Anmelden" in header
