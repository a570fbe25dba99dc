"""In a real browser (helper G's pages): axe-core finds no violations on the report page, the comments on the
concept, the initiative pages and their staff forms; commenting and submitting work without JavaScript."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stadtdialog.initiatives.models import Initiative
from stadtdialog.reports import services as reports
from stadtdialog.reports.models import ReportComment
from tests.factories import OrgUnitFactory, UserFactory, published_process, staff_user
from tests.initiatives.factories import InitiativeFactory
from tests.pdf import one_page_pdf
from tests.reports.report_factories import ConceptCommentFactory, ReportCommentFactory, ReportFactory

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = one_page_pdf()


def _world():
    process = published_process()
    report = ReportFactory(process=process)
    ReportCommentFactory(report=report)
    ReportCommentFactory(report=report, hidden_at=report.published_at, hidden_reason="Beleidigend")
    comment = ConceptCommentFactory(concept=process.concept)
    ConceptCommentFactory(concept=process.concept, status="declined", reason="Außerhalb des Spielraums.")
    return process, report, comment


def test_public_report_and_concept_comment_pages(axe_page, live_server):
    process, report, _comment = _world()
    check_pages_with_axe(
        axe_page, live_server.url, [f"/berichte/{report.pk}/", f"/beteiligung/{process.pk}/konzept/kommentare/"]
    )
    login(axe_page, live_server, UserFactory())
    check_pages_with_axe(
        axe_page, live_server.url, [f"/berichte/{report.pk}/", f"/beteiligung/{process.pk}/konzept/kommentare/"]
    )


def test_staff_pages_of_reports_and_concept_comments(axe_page, live_server):
    process, report, comment = _world()
    reports.add_report_attachment(
        process.lead_contact, report, file=SimpleUploadedFile("protokoll.pdf", PDF), title="Protokoll"
    )
    login(axe_page, live_server, process.lead_contact)
    base = f"/verwaltung/beteiligung/{process.pk}"
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            f"{base}/berichte/",
            f"{base}/berichte/neu/",
            f"{base}/berichte/{report.pk}/",
            f"{base}/berichte/{report.pk}/anhaenge/",
            f"{base}/berichte/{report.pk}/veroeffentlichen/",
            f"{base}/konzept-kommentare/",
            f"{base}/konzept-kommentare/{comment.pk}/",
        ],
    )
    axe_page.goto(f"{live_server.url}{base}/berichte/neu/")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert_no_axe_violations(axe_page)


def test_a_resident_comments_without_javascript(no_js_page, live_server):
    _process, report, _comment = _world()
    login(no_js_page, live_server, UserFactory(display_name="Nachbar ohne JS"))
    no_js_page.goto(f"{live_server.url}/berichte/{report.pk}/")
    no_js_page.get_by_label("Ihr Kommentar").fill("Bitte Bänke in den Schatten.")
    no_js_page.get_by_role("button", name="Kommentar veröffentlichen").click()
    no_js_page.wait_for_load_state()
    assert "Bitte Bänke in den Schatten." in no_js_page.locator("main").inner_text()
    assert ReportComment.objects.filter(text="Bitte Bänke in den Schatten.").exists()


def test_public_and_staff_initiative_pages(axe_page, live_server):
    unit = OrgUnitFactory()
    initiative = InitiativeFactory(department=unit)
    InitiativeFactory(state=Initiative.State.DECLINED, state_reason="Bereits geplant.")
    check_pages_with_axe(axe_page, live_server.url, ["/initiativen/", f"/initiativen/{initiative.pk}/"])
    login(axe_page, live_server, UserFactory())
    check_pages_with_axe(axe_page, live_server.url, ["/initiativen/neu/"])
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert_no_axe_violations(axe_page)


def test_staff_pages(axe_page, live_server):
    unit = OrgUnitFactory()
    initiative = InitiativeFactory(department=unit)
    login(axe_page, live_server, staff_user(org_unit=unit))
    check_pages_with_axe(
        axe_page, live_server.url, ["/verwaltung/initiativen/", f"/verwaltung/initiativen/{initiative.pk}/"]
    )


def test_a_resident_submits_without_javascript(no_js_page, live_server, settings):
    settings.ANTIBOT_MIN_SECONDS = 0
    login(no_js_page, live_server, UserFactory())
    no_js_page.goto(f"{live_server.url}/initiativen/neu/")
    no_js_page.get_by_label("Idee für ein Vorhaben").check()
    no_js_page.get_by_label("Titel").fill("Trinkbrunnen am Lindener Markt")
    no_js_page.get_by_label("Beschreibung").fill("Im Sommer fehlt Trinkwasser auf dem Platz.")
    no_js_page.get_by_role("button", name="Einreichen").click()
    no_js_page.wait_for_load_state()
    assert no_js_page.locator("h1").inner_text() == "Trinkbrunnen am Lindener Markt"
    assert Initiative.objects.filter(title="Trinkbrunnen am Lindener Markt").exists()
