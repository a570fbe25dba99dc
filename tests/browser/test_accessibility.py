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


def test_history_and_audit_log(axe_page, live_server):
    """The history of a plan and of a process (core:history) for their staff; the site-wide log for an admin,
    with its filters, a bad date and a second page."""
    from stadtdialog.accounts.models import Role
    from stadtdialog.core import audit
    from tests.factories import staff_user

    plan, process, lead = published_plan_with_history()
    for number in range(60):
        audit.record(
            lead, "plan.update", plan, {"summary": [f"<p>Fassung {number}</p>", f"<p>Fassung {number + 1}</p>"]}
        )
    login(axe_page, live_server, lead)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [audit.history_url(plan), audit.history_url(plan) + "?seite=2", audit.history_url(process)],
    )
    axe_page.context.clear_cookies()
    login(axe_page, live_server, staff_user(kind=Role.Kind.ADMIN, email="admin.axe@example.org"))
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/protokoll/",
            "/verwaltung/protokoll/?seite=2",
            "/verwaltung/protokoll/?person=Muster&area=plans",
            "/verwaltung/protokoll/?date_from=31.02.2025",
        ],
    )


# --- Organisation (helper org): the tree, a unit, its forms, the districts and the public unit page ---------------


def _organisation():
    from stadtdialog.accounts.models import Role
    from stadtdialog.organisation import services as organisation
    from stadtdialog.organisation.models import District
    from tests.factories import staff_user
    from tests.organisation.helpers import tree

    units = tree()
    admin = staff_user(kind=Role.Kind.ADMIN, full_name="Alexandra Admin")
    organisation.update_unit(
        admin, units["fb61"], website="https://www.hannover.de/fb61", opening_hours="Mo–Do 9–15 Uhr"
    )
    organisation.dissolve_unit(admin, units["61.2"], successor=units["61.1"])
    linden = District.objects.get(number=10)
    organisation.update_council(admin, linden, name="Stadtbezirksrat Linden-Limmer", chair="Petra Beispiel")
    return units, admin, linden


def test_organisation_staff_pages(axe_page, live_server):
    units, admin, linden = _organisation()
    login(axe_page, live_server, admin)
    fb61 = units["fb61"].pk
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/organisation/",
            "/verwaltung/organisation/neu/",
            f"/verwaltung/organisation/{fb61}/",
            f"/verwaltung/organisation/{fb61}/bearbeiten/",
            f"/verwaltung/organisation/{fb61}/verschieben/",
            f"/verwaltung/organisation/{fb61}/aufloesen/",
            f"/verwaltung/organisation/{units['61.2'].pk}/",
            "/verwaltung/organisation/stadtbezirke/",
            f"/verwaltung/organisation/stadtbezirke/{linden.pk}/",
            f"/verwaltung/organisation/stadtbezirke/{linden.pk}/bezirksrat/",
            f"/einheit/{fb61}/",
            f"/einheit/{units['61.2'].pk}/",
        ],
    )


def test_organisation_unit_form_with_errors(axe_page, live_server):
    _units, admin, _linden = _organisation()
    login(axe_page, live_server, admin)
    axe_page.goto(f"{live_server.url}/verwaltung/organisation/neu/")
    axe_page.get_by_label("Name", exact=True).fill("Zweiter Fachbereich")
    axe_page.get_by_label("Kürzel").fill("FB 61")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert axe_page.get_by_label("Name", exact=True).input_value() == "Zweiter Fachbereich"
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


def _pages_world():
    """The accessibility statement with its parts, a sign-language page with a video, an added page and
    barrier reports (one open and overdue, one answered)."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from stadtdialog.accounts.models import Role
    from stadtdialog.core import services as core_services
    from stadtdialog.core.models import BarrierReport, Page
    from tests.factories import staff_user

    office = staff_user(Role.Kind.COORDINATION)
    Page.objects.filter(slug="barrierefreiheit").update(
        compliance="partial",
        known_barriers="<ul><li>Die Karte ist mit der Tastatur nur eingeschränkt bedienbar.</li></ul>",
        statement_date=timezone.localdate(),
        arbitration_body="<p>Schlichtungsstelle, Musterstraße 1, 30159 Hannover</p>",
    )
    sign = Page.objects.get(slug="gebaerdensprache")
    sign.captions.save("einfuehrung.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nWillkommen\n"))
    Page.objects.filter(pk=sign.pk).update(video_url="https://medien.hannover-stadt.example/dgs.mp4")
    core_services.create_page(office, slug="leitlinien", title="Leitlinien", body="<p>Text</p>", in_footer=True)
    late = core_services.submit_barrier_report(text="Kontrast zu gering", page_url="/vorhaben/", email="a@example.org")
    BarrierReport.objects.filter(pk=late.pk).update(due_at=timezone.localdate() - datetime.timedelta(days=1))
    answered = core_services.submit_barrier_report(text="Karte", page_url="/vorhaben/karte/")
    core_services.answer_barrier_report(office, answered, answer="Behoben.")
    return office, late


def test_pages_and_the_barrier_form(axe_page, live_server):
    _pages_world()
    check_pages_with_axe(
        axe_page,
        live_server.url,
        ["/seite/barrierefreiheit/", "/seite/gebaerdensprache/", "/seite/leitlinien/", "/barriere-melden/"],
    )
    axe_page.goto(f"{live_server.url}/barriere-melden/")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert_no_axe_violations(axe_page)
    axe_page.goto(f"{live_server.url}/barriere-melden/danke/")
    assert_no_axe_violations(axe_page)


def test_staff_pages_of_pages_and_barrier_reports(axe_page, live_server):
    office, late = _pages_world()
    login(axe_page, live_server, office)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/konto/",
            "/verwaltung/seiten/",
            "/verwaltung/seiten/neu/",
            "/verwaltung/seiten/reihenfolge/",
            "/verwaltung/seiten/gebaerdensprache/bearbeiten/",
            "/verwaltung/seiten/barrierefreiheit/bearbeiten/",
            "/verwaltung/seiten/leitlinien/entfernen/",
            "/verwaltung/seiten/impressum/entfernen/",
            "/verwaltung/barrieren/",
            "/verwaltung/barrieren/?stand=beantwortet",
            f"/verwaltung/barrieren/{late.pk}/",
            f"/verwaltung/barrieren/{late.pk}/schliessen/",
        ],
    )
    axe_page.goto(f"{live_server.url}/verwaltung/seiten/neu/")
    axe_page.get_by_label("Adresse", exact=True).fill("Über uns")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert axe_page.get_by_label("Adresse", exact=True).input_value() == "Über uns"
    assert_no_axe_violations(axe_page)
