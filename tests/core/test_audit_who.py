"""Histories name who did something: the person, "gelöschtes Konto" once the account is deleted, "System"
for work without a person (AuditEntry.who) — on the staff history page and in a moderation case."""

import pytest
from django.urls import reverse

from stadtdialog.accounts import services as accounts
from stadtdialog.accounts.models import Role
from stadtdialog.core import audit
from stadtdialog.core.antibot import valid_antibot_data
from tests.dialog.dialog_factories import ContributionFactory
from tests.factories import PASSWORD, PlanFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_the_history_page_shows_a_deleted_account_as_such(client):
    staff = staff_user(full_name="Erika Mustermann")
    plan = PlanFactory(lead_unit=staff.org_unit)
    resident = UserFactory(display_name="Kastanie", full_name="Karla Kastanie")
    audit.record(resident, "plan.update", plan, {"summary": ["alt", "neu"]})
    audit.record(None, "plan.update", plan, {"title": ["alt", "neu"]})
    audit.record(staff, "plan.update", plan, {"title": ["neu", "neuer"]})
    accounts.delete_account(resident, password=PASSWORD)

    client.force_login(staff)
    page = client.get(audit.history_url(plan)).content.decode()
    cells = [line.strip() for line in page.splitlines() if line.strip().startswith('<td class="kern-table__cell">')]
    who = [
        cell.removeprefix('<td class="kern-table__cell">').removesuffix("</td>")
        for cell in cells
        if "<time" not in cell and "<dl" not in cell and cell.endswith("</td>")
    ]
    assert who == ["Erika Mustermann", "System", "gelöschtes Konto"]
    assert "Kastanie" not in page


def test_a_moderation_case_shows_a_deleted_reporter_as_such(client):
    contribution = ContributionFactory(title="Werbung für ein Möbelhaus")
    client.post(
        reverse("moderation:flag", args=["contribution", contribution.pk]),
        {"reason": "Reine Werbung.", **valid_antibot_data()},
    )  # without an account
    reporter = UserFactory(display_name="Kastanie")
    client.force_login(reporter)
    response = client.post(
        reverse("moderation:flag", args=["contribution", contribution.pk]), {"reason": "Spam.", **valid_antibot_data()}
    )
    assert response.status_code == 302
    client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})

    client.force_login(staff_user(kind=Role.Kind.MODERATOR, full_name="Mona Moderation"))
    page = client.get(reverse("moderation:case") + f"?inhalt=contribution-{contribution.pk}").content.decode()
    history = page[page.index('id="history-title"') :]
    reports = [line for line in history.splitlines() if "An die Moderation gemeldet" in line]
    assert len(reports) == 2
    assert reports[0].strip().endswith("An die Moderation gemeldet – gelöschtes Konto</li>")  # newest first
    assert reports[1].strip().endswith("An die Moderation gemeldet</li>")  # the report without an account
    assert "Kastanie" not in page


def test_an_account_deleted_in_the_admin_reads_as_deleted_not_as_system():
    colleague = staff_user(full_name="Max Muster")
    plan = PlanFactory(lead_unit=colleague.org_unit)
    audit.record(colleague, "plan.update", plan, {"title": ["alt", "neu"]})
    audit.record(None, "plan.update", plan, {"title": ["neu", "neuer"]})
    colleague.delete()  # what the admin's delete action does
    entries = list(plan_entries(plan))
    assert [entry.who for entry in entries] == ["System", "gelöschtes Konto"]


def plan_entries(plan):
    from django.contrib.contenttypes.models import ContentType

    from stadtdialog.core.models import AuditEntry

    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(plan), object_id=str(plan.pk), action="plan.update"
    ).order_by("-id")
