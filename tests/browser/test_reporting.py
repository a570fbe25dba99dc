"""axe-core finds no violations on the public report /berichte/ with its filters, its charts have titles and text
alternatives, and the annual plan's staff pages pass too; the report works at 375 px and without JavaScript."""

import pytest

from stadtdialog.accounts.models import Role
from stadtdialog.organisation.models import District, FieldOfAction
from stadtdialog.reporting.models import AnnualPlanEntry
from tests.factories import staff_user
from tests.reporting.fixtures import YEAR, build

from .conftest import check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_and_its_filtered_views(axe_page, live_server):
    world = build()
    district = District.objects.get(number=1)
    field = FieldOfAction.objects.order_by("position").first()
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/berichte/",
            f"/berichte/?jahr={YEAR}",
            f"/berichte/?jahr={YEAR}&stadtbezirk={district.slug}",
            f"/berichte/?jahr={YEAR}&dezernat={world.directorate.pk}&fachbereich={world.department.pk}",
            f"/berichte/?jahr={YEAR}&handlungsfeld={field.slug}",
            f"/berichte/?jahr={YEAR - 1}",
        ],
    )
    axe_page.goto(f"{live_server.url}/berichte/?jahr={YEAR}")
    charts = axe_page.locator("svg.report-chart")
    assert charts.count() >= 5
    first = charts.first
    assert first.get_attribute("role") == "img"
    assert first.locator("title").text_content()
    assert first.locator("desc").text_content()


def test_the_report_on_a_small_screen_without_javascript(new_page, live_server):
    build()
    page = new_page(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page.goto(f"{live_server.url}/berichte/?jahr={YEAR}")
    page.select_option("#id_stadtbezirk", "mitte")
    page.locator("main form.toolbar button[type=submit]").click()
    page.wait_for_load_state()
    assert "stadtbezirk=mitte" in page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, width


def test_the_annual_plan_pages(axe_page, live_server):
    world = build()
    staff = staff_user(org_unit=world.department)
    entry = AnnualPlanEntry.objects.create(
        year=YEAR + 1,
        org_unit=world.department,
        topic="Grünfläche am Küchengarten",
        process_kind="codesign",
        formats=["workshop"],
        quarter=2,
        lead_contact="Erika Mustermann",
        committee="Ausschuss für Umweltschutz",
    )
    login(axe_page, live_server, staff)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            f"/verwaltung/jahresplanung/?jahr={YEAR + 1}",
            "/verwaltung/jahresplanung/neu/",
            f"/verwaltung/jahresplanung/{entry.pk}/",
            f"/verwaltung/jahresplanung/{YEAR + 1}/quartal/2/",
            f"/verwaltung/jahresplanung/{YEAR + 1}/bilanz/",
        ],
    )


def test_the_annual_reports_page(axe_page, live_server):
    login(axe_page, live_server, staff_user(kind=Role.Kind.COORDINATION))
    check_pages_with_axe(axe_page, live_server.url, ["/verwaltung/berichte/"])
