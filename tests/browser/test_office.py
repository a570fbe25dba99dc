"""Browser tests of the coordination office's rooms, equipment and office hours (issue 14): a workshop request with
two projectors approved by the office with the iCal mail, the public week view without names, a weekly series that
leaves out the conflicting date, an office hour booked, confirmed and cancelled without an account and without
JavaScript, and axe-core on every new page."""

import datetime
import re

import pytest
from django.core import mail

from stadtdialog.accounts.models import Role
from stadtdialog.office import services
from stadtdialog.office.models import Booking, SlotBooking
from tests.factories import UserFactory, staff_user
from tests.office.factories import at, equipment, next_weekday, office_hour, request, room

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBER = "Jonas Initiativmitglied"


def _fill_request(page, start: datetime.datetime, hours: int = 3):
    page.get_by_label("Beginn").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ende").fill((start + datetime.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Zweck").fill("Werkstatt zum Küchengarten")
    page.get_by_label("Für (Initiative, Verein, Stadtbezirksrat, Fachbereich)").fill("Initiative Grüne Mitte")
    page.get_by_label("Erwartete Personenzahl").fill("18")
    page.get_by_label("Ich erkenne die Benutzungsordnung").check()


def test_workshop_request_approval_mail_week_view_and_series(page, new_page, live_server):
    hall = room(name="Beteiligungsraum Trammplatz", slug="beteiligungsraum")
    equipment(name="Beamer", slug="beamer", stock=4)
    member = UserFactory(display_name=MEMBER)
    office = staff_user(Role.Kind.COORDINATION)
    start = at(next_weekday(1, weeks=2), 18)

    login(page, live_server, member)
    page.goto(f"{live_server.url}/raeume/anfrage/?raum={hall.slug}")
    _fill_request(page, start)
    page.get_by_label("Beamer").fill("2")
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state()
    assert "Ihre Anfrage ist eingegangen" in page.content()
    booking = Booking.objects.get()
    assert booking.items.get().quantity == 2

    staff = new_page()
    login(staff, live_server, office)
    staff.goto(f"{live_server.url}/verwaltung/raeume/")
    staff.get_by_role("link", name="Werkstatt zum Küchengarten").click()
    mail.outbox.clear()
    staff.get_by_role("button", name="Freigeben").click()
    staff.wait_for_load_state()
    assert "Die Buchung ist freigegeben" in staff.content()
    message = mail.outbox[-1]
    assert message.to == [member.email]
    assert message.attachments and message.attachments[0][0].endswith(".ics")

    public = new_page()
    public.goto(f"{live_server.url}/raeume/{hall.slug}/?ab={start.date().isoformat()}")
    week = public.locator("main").inner_text()
    assert "18:00–21:00" in week and "belegt" in week
    assert MEMBER not in public.content() and "Grüne Mitte" not in public.content()

    # A weekly series from a week earlier hits the approved date: it is named, left out, the rest is booked.
    page.goto(f"{live_server.url}/raeume/anfrage/?raum={hall.slug}")
    _fill_request(page, start - datetime.timedelta(days=7), hours=2)
    page.get_by_label("Wiederholung").select_option("weekly")
    page.get_by_label("Wiederholen bis").fill((start + datetime.timedelta(days=7)).date().isoformat())
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state()
    named = f"{start.day}.{start.month}.{start.year}"
    assert named in page.locator("#form-errors").inner_text() and "schon gebucht" in page.content()
    assert page.get_by_label("Zweck").input_value() == "Werkstatt zum Küchengarten"
    page.locator("input[name=leave_out]").first.check()
    page.get_by_label("Ich erkenne die Benutzungsordnung").check()
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state()
    series = Booking.objects.latest("pk")
    assert series.repeat == "weekly" and series.occurrences.count() == 2
    assert start.date() not in {o.start.date() for o in series.occurrences.all()}


def test_office_hour_booked_confirmed_and_cancelled_without_javascript(no_js_page, live_server, settings):
    settings.ANTIBOT_MIN_SECONDS = 0
    hour = office_hour(staff_user(Role.Kind.COORDINATION))
    slot = hour.slots.order_by("start").first()
    no_js_page.goto(f"{live_server.url}/sprechstunden/")
    no_js_page.locator(f"a[href='/sprechstunden/termin/{slot.pk}/']").click()
    no_js_page.wait_for_load_state()
    no_js_page.get_by_label("Ihr Name").fill("Frieda Nachbarin")
    no_js_page.get_by_label("Ihre E-Mail-Adresse").fill("frieda@example.org")
    no_js_page.get_by_label("Worüber möchten Sie sprechen?").fill("Beteiligung im Hinterhof")
    no_js_page.locator("#id_consent").check()
    no_js_page.get_by_role("button", name="Termin buchen").click()
    no_js_page.wait_for_load_state()
    assert no_js_page.locator("h1").inner_text() == "Bitte bestätigen Sie Ihren Termin"
    link = re.search(r"https?://\S+/sprechstunden/buchung/\S+/", mail.outbox[-1].body).group(0)
    no_js_page.goto(link)
    no_js_page.get_by_role("button", name="Termin bestätigen").click()
    no_js_page.wait_for_load_state()
    assert SlotBooking.objects.get().state == SlotBooking.State.CONFIRMED
    no_js_page.get_by_role("button", name="Termin absagen").click()
    no_js_page.wait_for_load_state()
    assert SlotBooking.objects.get().state == SlotBooking.State.CANCELLED
    assert "Abgesagt" in no_js_page.content() or "abgesagt" in no_js_page.content()


def test_office_pages_have_no_axe_violations(axe_page, new_page, live_server, settings):
    settings.ANTIBOT_MIN_SECONDS = 0
    hall, projector = room(slug="saal"), equipment(slug="beamer")
    office = staff_user(Role.Kind.COORDINATION)
    member = UserFactory()
    booking = request(member, room=hall, quantities={projector: 1}, start=at(next_weekday(1), 18))
    services.approve_booking(office, booking)
    waiting = request(member, room=hall, start=at(next_weekday(2), 18))
    hour = office_hour(office)
    slot = hour.slots.order_by("start").first()
    slot_booking = services.book_slot(slot, {"name": "Frieda", "email": "frieda@example.org"})
    token = services.link_token(slot_booking)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/raeume/",
            "/raeume/saal/",
            "/raeume/material/beamer/",
            "/sprechstunden/",
            f"/sprechstunden/termin/{hour.slots.order_by('start')[1].pk}/",
            f"/sprechstunden/buchung/{token}/",
        ],
    )
    axe_page.goto(f"{live_server.url}/sprechstunden/termin/{hour.slots.order_by('start')[1].pk}/")
    axe_page.get_by_role("button", name="Termin buchen").click()  # empty: errors shown
    axe_page.wait_for_load_state()
    assert_no_axe_violations(axe_page)
    login(axe_page, live_server, member)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/raeume/anfrage/",
            "/raeume/meine-buchungen/",
            f"/raeume/meine-buchungen/{booking.pk}/",
            f"/raeume/meine-buchungen/{booking.pk}/stornieren/",
        ],
    )
    axe_page.goto(f"{live_server.url}/raeume/anfrage/")
    axe_page.get_by_role("button", name="Anfrage senden").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert_no_axe_violations(axe_page)
    staff = new_page(bypass_csp=True)
    login(staff, live_server, office)
    occurrence = booking.occurrences.get()
    check_pages_with_axe(
        staff,
        live_server.url,
        [
            "/verwaltung/raeume/",
            f"/verwaltung/raeume/buchungen/{waiting.pk}/",
            f"/verwaltung/raeume/buchungen/{booking.pk}/",
            f"/verwaltung/raeume/termine/{occurrence.pk}/ausgabe/",
            "/verwaltung/raeume/kalender/",
            "/verwaltung/raeume/auslastung/",
            "/verwaltung/raeume/sperrzeiten/",
            "/verwaltung/sprechstunden/",
            "/verwaltung/sprechstunden/neu/",
            f"/verwaltung/sprechstunden/{hour.pk}/",
        ],
    )
