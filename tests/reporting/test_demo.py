"""The demo shows the reporting: the annual plan for next year of several departments, and the report of this
year over the demo's participation."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.reporting.models import AnnualPlanEntry

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_annual_plan_and_a_report(client):
    call_command("seed_demo", "--seed", "2", stdout=io.StringIO())
    year = timezone.localdate().year + 1
    entries = AnnualPlanEntry.objects.filter(year=year)
    assert entries.count() >= 6
    assert entries.values("org_unit").distinct().count() >= 5
    assert entries.values("committee").distinct().count() >= 4
    assert AnnualPlanEntry.objects.filter(outcome="postponed").exclude(outcome_reason="").exists()

    report = client.get(reverse("reporting:report"))
    tables = {table.key: table for entry in report.context["sections"] for table in entry.tables}
    assert tables["answers"].rows[0][1] > 0  # contributions of this year in the demo
    assert sum(row[1] for row in tables["plans_by_status"].rows) > 0

    client.force_login(User.objects.filter(role_set__kind=Role.Kind.COORDINATION).first())
    page = client.get(reverse("reporting:staff_annual_plan_quarter", args=[year, 1]))
    assert "Ausschuss für Umweltschutz und Grünflächen" in page.content.decode()
