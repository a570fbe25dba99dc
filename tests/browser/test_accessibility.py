"""axe-core (WCAG 2.1 A and AA rules) finds no violations on the main public pages, the login page and the staff
forms."""

import io

import pytest
from django.core.management import call_command

from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import ConceptVersion
from tests.factories import AttachmentFactory

from .conftest import assert_no_axe_violations, check_pages_with_axe, login
from .data import department_staff, published_plan_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page(axe_page, live_server):
    axe_page.goto(f"{live_server.url}/anmelden/")
    assert axe_page.locator("h1").count() == 1
    assert_no_axe_violations(axe_page)


def test_login_page_with_errors(axe_page, live_server):
    axe_page.goto(f"{live_server.url}/anmelden/")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator(".kern-alert, [role=alert], .kern-error").count() >= 1
    assert_no_axe_violations(axe_page)


def test_public_pages(axe_page, live_server):
    plan, process, _lead = published_plan_with_history()
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/vorhaben/",
            "/vorhaben/?q=Schatten&district=linden-limmer",
            "/vorhaben/?q=gibtesnicht",
            plan.get_absolute_url(),
            process.get_absolute_url(),
            f"/beteiligung/{process.pk}/konzept/",
            f"/beteiligung/{process.pk}/konzept/versionen/",
            "/vorhaben/karte/",
        ],
    )


def test_public_pages_with_the_demo_data(axe_page, live_server):
    """Realistic data: many plans (pagination), all statuses, timelines, several versions."""
    call_command("seed_demo", "--seed", "1", stdout=io.StringIO())
    version = ConceptVersion.objects.filter(number=3).select_related("concept__process__plan").first()
    process = version.concept.process
    citywide = Plan.objects.published().filter(is_citywide=True).first()
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/vorhaben/",
            "/vorhaben/?page=2",
            "/vorhaben/?participation=running&sort=title",
            process.plan.get_absolute_url(),
            citywide.get_absolute_url(),
            process.get_absolute_url(),
            f"/beteiligung/{process.pk}/konzept/",
            f"/beteiligung/{process.pk}/konzept/versionen/",
        ],
    )


def test_staff_forms(axe_page, live_server):
    plan, process, lead = published_plan_with_history()
    AttachmentFactory(plan=plan)
    login(axe_page, live_server, lead)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/vorhaben/",
            "/verwaltung/vorhaben/neu/",
            f"/verwaltung/vorhaben/{plan.pk}/bearbeiten/",
            f"/verwaltung/vorhaben/{plan.pk}/",
            f"/verwaltung/vorhaben/{plan.pk}/anhaenge/",
            f"/verwaltung/beteiligung/{process.pk}/",
            f"/verwaltung/beteiligung/{process.pk}/konzept/",
        ],
    )


def test_staff_attachment_form_with_errors(axe_page, live_server):
    plan, _process, lead = published_plan_with_history()
    login(axe_page, live_server, lead)
    axe_page.goto(f"{live_server.url}/verwaltung/vorhaben/{plan.pk}/anhaenge/")
    axe_page.get_by_label("Titel").fill("Lageplan ohne Datei")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert axe_page.get_by_label("Titel").input_value() == "Lageplan ohne Datei"
    assert_no_axe_violations(axe_page)


def test_staff_plan_form_with_errors(axe_page, live_server):
    login(axe_page, live_server, department_staff())
    axe_page.goto(f"{live_server.url}/verwaltung/vorhaben/neu/")
    axe_page.locator("main form button[type=submit]").first.click()
    axe_page.wait_for_load_state()
    assert axe_page.locator(".kern-alert, [role=alert]").count() >= 1
    assert axe_page.locator("h1").count() == 1
    assert_no_axe_violations(axe_page)


def test_staff_administration_pages(axe_page, live_server):
    """Staff and roles: the list, the invite form (also with errors), a person, the role form, the confirm pages,
    and the invitation link's pages (set the password; a link that no longer works)."""
    import re

    from django.core import mail

    from stadtdialog.accounts import services as account_services
    from stadtdialog.accounts.models import Role
    from tests.factories import OrgUnitFactory, staff_user

    unit = OrgUnitFactory(short_name="FB 61")
    admin = staff_user(Role.Kind.ADMIN, full_name="Alexandra Brückner")
    member = staff_user(Role.Kind.DEPARTMENT, org_unit=unit, full_name="Jana Petersen")
    role = member.role_set.get()
    result = account_services.invite_staff(
        admin,
        email="neu@hannover-stadt.example",
        full_name="Nina Neumann",
        org_unit=unit,
        roles=[{"kind": Role.Kind.DEPARTMENT, "org_unit": unit}],
        base_url=live_server.url,
    )
    link = re.search(r"(/konto/einladung/[^\s]+/)", mail.outbox[-1].body).group(1)
    login(axe_page, live_server, admin)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/mitarbeitende/",
            f"/verwaltung/mitarbeitende/?einheit={unit.pk}&rolle=department&stand=aktiv",
            "/verwaltung/mitarbeitende/einladen/",
            f"/verwaltung/mitarbeitende/{member.pk}/",
            f"/verwaltung/mitarbeitende/{result.user.pk}/",
            f"/verwaltung/mitarbeitende/{member.pk}/rolle-neu/",
            f"/verwaltung/mitarbeitende/{member.pk}/rollen/{role.pk}/",
            f"/verwaltung/mitarbeitende/{member.pk}/rollen/{role.pk}/entziehen/",
            f"/verwaltung/mitarbeitende/{member.pk}/deaktivieren/",
            f"/verwaltung/mitarbeitende/einladungen/{result.invitation.pk}/erneut/",
        ],
    )
    axe_page.goto(f"{live_server.url}/verwaltung/mitarbeitende/einladen/")
    axe_page.get_by_label("Vollständiger Name").fill("Nina Neumann")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert axe_page.get_by_label("Vollständiger Name").input_value() == "Nina Neumann"
    assert_no_axe_violations(axe_page)

    axe_page.context.clear_cookies()  # the invited person is not logged in
    check_pages_with_axe(axe_page, live_server.url, [link])
    axe_page.goto(f"{live_server.url}/konto/einladung/nicht-mehr-gueltig/")
    assert axe_page.locator("h1").count() == 1
    assert_no_axe_violations(axe_page)
