"""Browser acceptance of the funding rounds (issue 15): the office opens a round; a district council's member files
an application, is asked for more information and resubmits; the office puts it on the agenda; in the session one
member declares a conflict and is excluded; the committee approves a lower amount; the applicant gets the mail;
the approved project is published without personal data; the use-of-funds report is filed and accepted. axe-core
finds nothing on the new pages, also with errors shown."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.office.models import FundingApplication, FundingRound
from stadtdialog.office.services import funding as services
from tests.factories import staff_user
from tests.office.funding_factories import committee_with_members, council_member
from tests.pdf import one_page_pdf

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _click(page, name):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_a_funding_round_from_opening_to_the_accepted_use_of_funds_report(new_page, live_server, tmp_path):
    office_user = staff_user(Role.Kind.COORDINATION, full_name="Petra Koordination")
    committee, members = committee_with_members(office_user)
    applicant = council_member(full_name="Karl Linden")
    url = live_server.url

    # the office opens a round through the form
    office = new_page(bypass_csp=True)
    login(office, live_server, office_user)
    office.goto(f"{url}/verwaltung/foerderung/runden/neu/")
    assert_no_axe_violations(office)
    deadline = timezone.localtime() + datetime.timedelta(days=14)
    office.locator("#id_title").fill("Stadtteilfonds Beteiligung 2027 – 1. Runde")
    office.locator("#id_slug").fill("stadtteilfonds-2027-1")
    office.locator("#id_description").fill("Werkstätten, Übersetzung, Kinderbetreuung bei Beteiligung.")
    office.locator("#id_budget").fill("60.000,00")
    office.locator("#id_submission_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    office.locator("#id_committee_date").fill((deadline + datetime.timedelta(days=14)).strftime("%Y-%m-%d"))
    office.locator("#id_committee").select_option(str(committee.pk))
    _click(office, "Speichern")
    funding_round = FundingRound.objects.get(slug="stadtteilfonds-2027-1")
    assert funding_round.budget == Decimal("60000.00")
    assert_no_axe_violations(office)

    # the district council's member files an application; a plan that does not add up is refused, typed kept
    council = new_page(bypass_csp=True)
    login(council, live_server, applicant)
    council.goto(f"{url}/foerderung/stadtteilfonds-2027-1/")
    assert "60.000,00 €" in council.content()
    assert_no_axe_violations(council)
    council.get_by_role("link", name="Antrag beginnen").click()
    council.wait_for_load_state()
    council.locator("#id_title").fill("Sommerwerkstatt Lindener Marktplatz")
    council.locator("#id_organisation").fill("Stadtbezirksrat Linden-Limmer")
    council.locator("#id_purpose").fill("Eine offene Werkstatt, in der Anwohnende den Marktplatz mitgestalten.")
    council.locator("#id_participation").fill("Drei Werkstatt-Abende.")
    council.locator("#id_timeline").fill("Mai bis August 2027")
    council.locator("#id_contact_name").fill("Karl Linden")
    council.locator("#id_contact_email").fill("karl.linden@example.org")
    council.locator("#id_item_1_text").fill("Moderation")
    council.locator("#id_item_1_amount").fill("6.000,00")
    council.locator("#id_item_2_text").fill("Material und Druck")
    council.locator("#id_item_2_amount").fill("4.000,00")
    council.locator("#id_own_funds").fill("500,00")
    council.locator("#id_other_funding").fill("1.000,00")
    council.locator("#id_requested_amount").fill("9.000,00")
    _click(council, "Einreichen")
    assert "Der Finanzierungsplan geht nicht auf" in council.content()
    assert council.locator("#id_title").input_value() == "Sommerwerkstatt Lindener Marktplatz"
    assert_no_axe_violations(council)
    council.locator("#id_requested_amount").fill("8.500,00")
    _click(council, "Einreichen")
    application = FundingApplication.objects.get()
    assert application.state == "submitted" and application.kind == "district_council"

    # the office asks for more information; the member sees the note and resubmits
    office.goto(f"{url}/verwaltung/foerderung/antraege/{application.pk}/")
    assert_no_axe_violations(office)
    office.locator("#id_info-note").fill("Bitte ergänzen Sie, wie Kinder beteiligt werden.")
    _click(office, "Zurückgeben")
    council.goto(f"{url}/foerderung/antraege/{application.pk}/")
    assert "Bitte ergänzen Sie, wie Kinder beteiligt werden." in council.content()
    assert "Bitte Angaben ergänzen" in council.content()
    assert_no_axe_violations(council)
    council.get_by_role("link", name="Angaben ergänzen und erneut einreichen").click()
    council.wait_for_load_state()
    council.locator("#id_participation").fill("Drei Werkstatt-Abende und eine Kinderwerkstatt.")
    _click(council, "Erneut einreichen")
    application.refresh_from_db()
    assert application.state == "submitted" and "Kinderwerkstatt" in application.participation

    # the office finds it eligible, plans the session, puts it on the agenda and records the attendance
    office.goto(f"{url}/verwaltung/foerderung/antraege/{application.pk}/")
    office.get_by_label("Förderfähig", exact=True).check()
    office.locator("#id_screen-recommendation").select_option("approve_lower")
    office.locator("#id_screen-recommended_amount").fill("6.000,00")
    _click(office, "Prüfung erfassen")
    office.goto(f"{url}/verwaltung/foerderung/runden/{funding_round.pk}/")
    assert_no_axe_violations(office)
    office.locator("#id_date").fill((deadline + datetime.timedelta(days=14)).strftime("%Y-%m-%dT17:00"))
    office.locator("#id_place").fill("Neues Rathaus, Raum 115")
    _click(office, "Sitzung planen")
    session = funding_round.sessions.get()
    office.locator("#id_application").select_option(str(application.pk))
    _click(office, "Auf die Tagesordnung setzen")
    for member in members:
        office.get_by_label(member.name, exact=True).check()
    _click(office, "Anwesenheit erfassen")
    assert_no_axe_violations(office)
    item = session.items.get()

    # in the session one member declares a conflict and is excluded from the documents and the vote
    conflicted = new_page(bypass_csp=True)
    login(conflicted, live_server, members[1].user)
    conflicted.goto(f"{url}/foerderung/gremium/sitzungen/{session.pk}/")
    assert_no_axe_violations(conflicted)
    conflicted.locator(f"#id_c{item.pk}-reason").fill("Ich bin im Vorstand des Lindener Marktvereins.")
    _click(conflicted, "Befangenheit erklären")
    assert "Sie haben Befangenheit erklärt" in conflicted.content()
    assert conflicted.get_by_role("link", name="Unterlagen des Antrags").count() == 0
    assert conflicted.get_by_role("button", name="Stimme abgeben").count() == 0
    assert conflicted.goto(f"{url}/foerderung/gremium/tagesordnung/{item.pk}/").status == 403
    # another member reads the documents and votes in the browser, the others through the service
    voter = new_page(bypass_csp=True)
    login(voter, live_server, members[0].user)
    voter.goto(f"{url}/foerderung/gremium/sitzungen/{session.pk}/")
    voter.get_by_role("link", name="Unterlagen des Antrags").click()
    voter.wait_for_load_state()
    assert "Kinderwerkstatt" in voter.content()
    assert_no_axe_violations(voter)
    voter.go_back()
    voter.get_by_label("Ja", exact=True).check()
    _click(voter, "Stimme abgeben")
    for member in members[2:]:
        services.cast_vote(member.user, item, "yes")

    # the committee approves a lower amount; the remaining budget shows it; the applicant gets the mail
    mail.outbox.clear()
    office.goto(f"{url}/verwaltung/foerderung/sitzungen/{session.pk}/")
    assert "Wegen Befangenheit ausgeschlossen" in office.content()
    office.get_by_label("Bewilligt", exact=True).check()
    office.locator(f"#id_d{item.pk}-amount").fill("6.000,00")
    _click(office, "Beschluss erfassen")
    assert "Verbleibendes Budget: 54.000,00 €" in office.content()
    assert_no_axe_violations(office)
    application.refresh_from_db()
    assert application.state == "approved" and application.approved_amount == Decimal("6000.00")
    decided = [m for m in mail.outbox if "entschieden" in m.subject]
    assert decided and "6.000,00 €" in decided[0].body and "karl.linden@example.org" in decided[0].to
    office.goto(f"{url}/foerderung/gremium/sitzungen/{session.pk}/protokoll.pdf")  # the minutes open

    # the approved project is published, without personal data
    public = new_page(bypass_csp=True)
    check_pages_with_axe(public, url, ["/foerderung/", "/foerderung/stadtteilfonds-2027-1/"])
    text = public.content()
    assert "Sommerwerkstatt Lindener Marktplatz" in text and "6.000,00 €" in text
    for personal in ("Karl Linden", "karl.linden@example.org", applicant.email):
        assert personal not in text

    # the use-of-funds report is filed with a document and accepted by the office
    receipts = tmp_path / "belege.pdf"
    receipts.write_bytes(one_page_pdf())
    council.goto(f"{url}/foerderung/antraege/{application.pk}/")
    council.get_by_role("link", name="Verwendungsnachweis einreichen").click()
    council.wait_for_load_state()
    assert_no_axe_violations(council)
    council.locator("#id_summary").fill("Drei Abende mit 60 Menschen, eine Kinderwerkstatt mit 15 Kindern.")
    council.locator("#id_spent_amount").fill("5.980,00")
    council.locator("#id_document_title").fill("Belege")
    council.locator("#id_file").set_input_files(str(receipts))
    _click(council, "Nachweis einreichen")
    assert "Eingereicht" in council.content()
    office.goto(f"{url}/verwaltung/foerderung/antraege/{application.pk}/")
    office.get_by_label("Nachweis annehmen", exact=True).check()
    _click(office, "Prüfung erfassen")
    application.refresh_from_db()
    assert application.state == "completed"
    council.goto(f"{url}/foerderung/antraege/{application.pk}/")
    assert "Abgeschlossen" in council.content() and "Angenommen" in council.content()
