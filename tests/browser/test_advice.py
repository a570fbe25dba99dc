"""Browser tests of issue 15, items 6 to 8: a consultation request goes from a department to an advisor of the
coordination office and back to "done" (with the mails); the work aids, the training catalogue and the staff pages
have no axe violations, also with errors shown; a wrong upload is refused in German with what was typed kept."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.events.models import Event
from stadtdialog.office.models_advice import ConsultationRequest, WorkAid
from stadtdialog.office.services import advice as services
from tests.events.factories import EventFactory, in_days
from tests.factories import OrgUnitFactory, staff_user
from tests.pdf import one_page_pdf

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page, name="Speichern"):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_a_consultation_request_goes_to_an_advisor_and_back_to_done(axe_page, new_page, live_server):
    unit = OrgUnitFactory(name="Fachbereich Planen und Stadtentwicklung", short_name="FB 61")
    asker = staff_user(org_unit=unit, full_name="Jana Petersen", email="jana.petersen@example.org")
    advisor = staff_user(Role.Kind.COORDINATION, full_name="Fatma Aydın", email="fatma.aydin@example.org")

    page = axe_page
    login(page, live_server, asker)
    page.goto(f"{live_server.url}/verwaltung/beratung/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Unterstützung anfragen").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    # Sent without topic and description: German errors, the title stays.
    page.get_by_label("Titel").fill("Moderation der Bürgerwerkstatt Wasserstadt Limmer")
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state()
    assert "Bitte wählen Sie, wobei Sie Unterstützung brauchen." in page.content()
    assert page.get_by_label("Titel").input_value() == "Moderation der Bürgerwerkstatt Wasserstadt Limmer"
    assert_no_axe_violations(page)
    page.get_by_label("Moderation", exact=True).check()
    page.get_by_label("Wofür die Unterstützung gebraucht wird").fill("Werkstatt am Samstag mit etwa 80 Personen.")
    page.get_by_label("Wunschtermin").fill((timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state()
    consultation = ConsultationRequest.objects.get()
    assert page.url.endswith(f"/verwaltung/beratung/{consultation.pk}/")
    assert "Neu" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    office = new_page(bypass_csp=True)
    login(office, live_server, advisor)
    office.goto(f"{live_server.url}/verwaltung/beratung/uebersicht/")
    assert_no_axe_violations(office)
    office.get_by_role("link", name="Moderation der Bürgerwerkstatt Wasserstadt Limmer").click()
    office.wait_for_load_state()
    assert_no_axe_violations(office)
    # Declined without a reason: a German error.
    office.get_by_label("Status").select_option("declined")
    _save(office)
    assert "Bitte geben Sie den Grund für die Ablehnung an." in office.content()
    assert_no_axe_violations(office)
    office.get_by_label("Status").select_option("new")
    office.get_by_label("Berater*in").select_option(str(advisor.pk))
    _save(office)
    consultation.refresh_from_db()
    assert (consultation.status, consultation.advisor_id) == ("assigned", advisor.pk)
    office.get_by_role("textbox", name="Interne Notiz").fill("Vorgespräch am Dienstag.")
    _save(office, "Notiz speichern")
    office.get_by_label("Status").select_option("in_progress")
    _save(office)
    office.get_by_label("Status").select_option("done")
    _save(office)
    consultation.refresh_from_db()
    assert consultation.status == "done"
    assert [m.to for m in mail.outbox] == [["jana.petersen@example.org"]] * 3
    assert mail.outbox[-1].subject.endswith("Erledigt")

    page.reload()
    text = page.locator("main").inner_text()
    assert "Erledigt" in text and "Fatma Aydın" in text and "Vorgespräch" not in text


def test_work_aids_and_trainings_have_no_axe_violations(axe_page, new_page, live_server, tmp_path):
    office = staff_user(Role.Kind.COORDINATION)
    aid = services.create_work_aid(
        office,
        title="Checkliste barrierefreie Veranstaltung",
        description="Vom Eingang bis zur Toilette.",
        kind=WorkAid.Kind.CHECKLIST,
        for_staff=True,
        for_politics=True,
        for_residents=True,
        is_public=True,
        file=SimpleUploadedFile("liste.pdf", one_page_pdf()),
    )
    hidden = services.create_work_aid(
        office,
        title="Interne Arbeitshilfe",
        description="Nur intern.",
        kind=WorkAid.Kind.TEMPLATE,
        for_staff=True,
        for_politics=False,
        for_residents=False,
        is_public=False,
        file=SimpleUploadedFile("intern.pdf", one_page_pdf()),
    )
    EventFactory(
        title="Beteiligung moderieren",
        format=Event.Format.TRAINING,
        for_staff=True,
        for_residents=True,
        registration_required=True,
        capacity=10,
    )
    EventFactory(title="Netzwerktreffen Bürgerbeteiligung", format=Event.Format.NETWORKING)
    past = EventFactory(
        title="Vergangene Fortbildung",
        format=Event.Format.TRAINING,
        for_staff=True,
        start=in_days(-2),
        end=in_days(-2) + datetime.timedelta(hours=3),
    )
    visitor = new_page(bypass_csp=True)
    check_pages_with_axe(
        visitor,
        live_server.url,
        ["/arbeitshilfen/", "/arbeitshilfen/?q=Zebra", f"/arbeitshilfen/{aid.slug}/", "/fortbildungen/"],
    )
    assert visitor.goto(f"{live_server.url}/arbeitshilfen/{hidden.slug}/").status == 404
    assert visitor.goto(f"{live_server.url}/arbeitshilfen/{hidden.slug}/version-1/").status == 404

    login(axe_page, live_server, office)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/arbeitshilfen/",
            "/verwaltung/arbeitshilfen/neu/",
            f"/verwaltung/arbeitshilfen/{aid.pk}/",
            f"/verwaltung/arbeitshilfen/{aid.pk}/neue-version/",
            f"/verwaltung/veranstaltungen/{past.pk}/teilnahme/",
        ],
    )
    # A wrong file: refused in German, the title stays.
    fake = tmp_path / "liste.pdf"
    fake.write_bytes(b"<html>keine PDF-Datei</html>")
    axe_page.goto(f"{live_server.url}/verwaltung/arbeitshilfen/neu/")
    axe_page.get_by_label("Titel").fill("Leitfaden Leichte Sprache")
    axe_page.get_by_label("Beschreibung").fill("Kurze Sätze.")
    axe_page.get_by_label("für Einwohner*innen").check()
    axe_page.get_by_label("Datei").set_input_files(str(fake))
    axe_page.get_by_label("Datum der Version").fill("2026-11-02")
    _save(axe_page)
    assert "Erlaubt sind nur PDF-, DOCX-, ODT- oder XLSX-Dateien." in axe_page.content()
    assert axe_page.get_by_label("Titel").input_value() == "Leitfaden Leichte Sprache"
    assert_no_axe_violations(axe_page)
    # Attendance with the walk-in, then the certificate link is there.
    axe_page.goto(f"{live_server.url}/verwaltung/veranstaltungen/{past.pk}/teilnahme/")
    axe_page.get_by_label("Personen, die ohne Anmeldung gekommen sind").fill("Aylin Demir")
    _save(axe_page, "Teilnahme speichern")
    assert "Die Teilnahme ist gespeichert." in axe_page.content(), axe_page.locator("main").inner_text()[:600]
    assert past.attendances.get().name == "Aylin Demir"
    assert axe_page.locator("main a[href$='bescheinigung.pdf']").count() == 1
    assert_no_axe_violations(axe_page)
