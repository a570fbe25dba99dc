"""Office hours: slots from a weekly pattern with exceptions, booking without an account confirmed and cancelled by
the link, reminders, a slot given once, the purge of personal data after 30 days (every table scanned), the section
on the district page, and the staff's day."""

import datetime

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core.extensions import sections_for
from stadtdialog.office import services
from stadtdialog.office.models import OfficeHour, SlotBooking
from stadtdialog.organisation.models import District
from tests.factories import staff_user

from .factories import office_hour

pytestmark = pytest.mark.django_db

ADDRESS = "frieda.nachbarin@example.org"


@pytest.fixture
def host():
    return staff_user(Role.Kind.COORDINATION, full_name="Kim Koordination")


def _link(message) -> str:
    return next(line for line in message.body.splitlines() if "/sprechstunden/buchung/" in line).split("testserver")[-1]


def test_slots_follow_the_weekly_pattern_and_leave_out_exceptions(host):
    hour = office_hour(host)
    slots = list(hour.slots.order_by("start"))
    assert slots and all(s.start.astimezone(services.office_hours.BERLIN).weekday() == 2 for s in slots)
    assert len({s.start.date() for s in slots}) in (8, 9) and len(slots) % 4 == 0  # four 30-minute slots a day
    day = slots[0].start.astimezone(services.office_hours.BERLIN).date()
    services.add_exception(host, hour, day, "Betriebsausflug")
    assert not hour.slots.filter(start__date=day, is_cancelled=False).exists()
    with pytest.raises(ValidationError):
        services.add_exception(host, hour, day)


def test_book_confirm_and_cancel_without_an_account(client, settings, host):
    settings.ANTIBOT_MIN_SECONDS = 0
    slot = office_hour(host).slots.order_by("start").first()
    from stadtdialog.core.antibot import valid_antibot_data

    data = {
        "name": "Frieda Nachbarin",
        "email": ADDRESS,
        "topic": "Spielplatz",
        "consent": "on",
        **valid_antibot_data(),
    }
    response = client.post(reverse("office:book_slot", args=[slot.pk]), data)
    assert response.status_code == 200 and ADDRESS in response.content.decode()
    booking = SlotBooking.objects.get()
    assert booking.state == SlotBooking.State.PENDING
    link = _link(mail.outbox[-1])
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in str(SlotBooking.objects.values_list().get())  # only the hash is stored
    assert client.post(link, {"action": "confirm"}).status_code == 302
    booking.refresh_from_db()
    assert booking.state == SlotBooking.State.CONFIRMED
    assert "bestätigt" in mail.outbox[-1].subject
    again = client.post(reverse("office:book_slot", args=[slot.pk]), {**data, "email": "zweite@example.org"})
    assert again.status_code == 400 and "nicht mehr frei" in again.content.decode()
    assert client.post(link, {"action": "cancel"}).status_code == 302
    booking.refresh_from_db()
    assert booking.state == SlotBooking.State.CANCELLED
    assert client.get("/sprechstunden/buchung/falsch/").status_code == 404


def test_a_slot_is_given_once_and_unconfirmed_ones_expire(host):
    slot = office_hour(host).slots.order_by("start").first()
    services.book_slot(slot, {"name": "A", "email": "a@example.org"})
    with pytest.raises(ValidationError):
        services.book_slot(slot, {"name": "B", "email": "b@example.org"})
    later = timezone.now() + datetime.timedelta(hours=3)
    if slot.start > later:
        services.book_slot(slot, {"name": "B", "email": "b@example.org"}, now=later)
        assert SlotBooking.objects.filter(slot=slot, state=SlotBooking.State.EXPIRED).count() == 1


def test_reminder_the_day_before(host):
    slot = office_hour(host).slots.order_by("start").first()
    booking = services.book_slot(slot, {"name": "Frieda", "email": ADDRESS})
    services.confirm_slot_booking(booking)
    mail.outbox.clear()
    day_before = slot.start - datetime.timedelta(days=1)
    assert services.send_reminders(now=day_before) == 1
    assert services.send_reminders(now=day_before) == 0
    assert "morgen" in mail.outbox[-1].subject and "/sprechstunden/buchung/" in mail.outbox[-1].body


def _tables_containing(text: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            columns = [
                f.column
                for f in model._meta.concrete_fields
                if f.get_internal_type() in ("CharField", "TextField", "EmailField", "JSONField", "SlugField")
            ]
            if not columns:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            where = " OR ".join(f"CAST({connection.ops.quote_name(c)} AS TEXT) LIKE %s" for c in columns)
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", [f"%{text}%"] * len(columns))
            if cursor.fetchone()[0]:
                found.append(model._meta.db_table)
    return found


def test_purge_removes_names_and_addresses_30_days_after_the_slot_from_every_table(host):
    slot = office_hour(host).slots.order_by("start").first()
    booking = services.book_slot(slot, {"name": "Frieda Nachbarin", "email": ADDRESS, "topic": "Mein Anliegen Xyz"})
    services.confirm_slot_booking(booking)
    assert _tables_containing(ADDRESS) == ["office_slotbooking"]
    assert services.purge_slot_bookings(now=slot.end + datetime.timedelta(days=29)) == 0
    assert services.purge_slot_bookings(now=slot.end + datetime.timedelta(days=31)) == 1
    for secret in [ADDRESS, "Frieda Nachbarin", "Mein Anliegen Xyz"]:
        assert _tables_containing(secret) == [], secret
    call_command("purge_office_hour_bookings")


def test_district_section_shows_the_managers_office_hours_or_nothing(rf):
    district = District.objects.order_by("number").first()
    other = District.objects.order_by("number").last()
    manager = staff_user(Role.Kind.DISTRICT_MANAGER, district=district)
    assert sections_for("district_public", rf.get("/"), district, only="office_hours") == []
    office_hour(manager, district=district, title="Sprechstunde im Stadtbezirk")
    sections = sections_for("district_public", rf.get("/"), district, only="office_hours")
    assert sections and sections[0][1]["office_hours"][0].title == "Sprechstunde im Stadtbezirk"
    assert sections_for("district_public", rf.get("/"), other, only="office_hours") == []
    with pytest.raises(ValidationError):
        office_hour(manager, district=other)


def test_staff_see_their_day_with_the_bookings(client, host):
    hour = office_hour(host)
    slot = hour.slots.order_by("start").first()
    services.book_slot(slot, {"name": "Frieda Nachbarin", "email": ADDRESS, "needs": "Gebärdensprache"})
    client.force_login(host)
    day = slot.start.astimezone(services.office_hours.BERLIN).date()
    page = client.get(reverse("office:staff_office_hours"), {"tag": day.isoformat()}).content.decode()
    assert "Frieda Nachbarin" in page and "Gebärdensprache" in page
    other = staff_user(Role.Kind.DISTRICT_MANAGER)
    client.force_login(other)
    page = client.get(reverse("office:staff_office_hours"), {"tag": day.isoformat()}).content.decode()
    assert "Frieda Nachbarin" not in page
    assert client.get(reverse("office:staff_office_hour", args=[hour.pk])).status_code == 403


def test_public_office_hours_page_lists_free_slots_without_names(client, host):
    hour = office_hour(host)
    slot = hour.slots.order_by("start").first()
    services.book_slot(slot, {"name": "Frieda Nachbarin", "email": ADDRESS})
    page = client.get(reverse("office:office_hours")).content.decode()
    assert hour.title in page and "Frieda" not in page
    assert reverse("office:book_slot", args=[slot.pk]) not in page  # taken
    assert OfficeHour.objects.count() == 1
