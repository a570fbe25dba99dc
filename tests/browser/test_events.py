"""Browser tests of events and notifications: axe-core on their pages, registration and cancellation without
JavaScript."""

import re

import pytest
from django.core import mail

from stadtdialog.events.models import Registration
from stadtdialog.notifications import services as notification_services
from tests.events.factories import EventFactory
from tests.factories import UserFactory, published_process

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_event_pages_have_no_axe_violations(axe_page, new_page, live_server):
    process = published_process()
    event = EventFactory(process=process, registration_required=True, capacity=1, childcare=True)
    resident = UserFactory()
    notification_services.follow(resident, process)
    code = notification_services.unsubscribe_code(resident.pk, "all")
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/veranstaltungen/",
            event.get_absolute_url(),
            f"/benachrichtigungen/abbestellen/{code}/",
        ],
    )
    axe_page.goto(f"{live_server.url}{event.get_absolute_url()}")
    axe_page.get_by_role("button", name="Zur Veranstaltung anmelden").click()  # empty form: errors shown
    axe_page.wait_for_load_state()
    assert "Bitte prüfen Sie Ihre Eingaben" in axe_page.content()
    assert_no_axe_violations(axe_page)
    login(axe_page, live_server, resident)
    check_pages_with_axe(axe_page, live_server.url, ["/konto/benachrichtigungen/"])
    staff_page = new_page(bypass_csp=True)
    login(staff_page, live_server, process.lead_contact)
    check_pages_with_axe(
        staff_page,
        live_server.url,
        [
            "/verwaltung/veranstaltungen/",
            "/verwaltung/veranstaltungen/neu/",
            f"/verwaltung/veranstaltungen/{event.pk}/",
            f"/verwaltung/veranstaltungen/{event.pk}/absagen/",
            f"/verwaltung/veranstaltungen/{event.pk}/dokumentation/",
        ],
    )


def test_register_and_cancel_without_javascript(no_js_page, live_server, settings):
    settings.ANTIBOT_MIN_SECONDS = 0  # the person fills the form quickly; the no-JS path needs no proof of work
    event = EventFactory(registration_required=True, capacity=5)
    no_js_page.goto(f"{live_server.url}{event.get_absolute_url()}")
    no_js_page.get_by_label("Ihr Name").fill("Frieda Nachbarin")
    no_js_page.get_by_label("Ihre E-Mail-Adresse").fill("frieda@example.org")
    no_js_page.locator("#id_consent").check()
    no_js_page.get_by_role("button", name="Zur Veranstaltung anmelden").click()
    no_js_page.wait_for_load_state()
    assert no_js_page.locator("h1").inner_text() == "Sie sind angemeldet"
    link = re.search(r"https?://\S+/veranstaltungen/abmelden/\S+/", mail.outbox[-1].body).group(0)
    no_js_page.goto(link)
    no_js_page.get_by_role("button", name="Ja, meine Anmeldung stornieren").click()
    no_js_page.wait_for_load_state()
    assert no_js_page.locator("h1").inner_text() == "Anmeldung storniert"
    assert Registration.objects.get().status == Registration.Status.CANCELLED
