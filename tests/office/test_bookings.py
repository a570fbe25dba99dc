"""Booking requests, the office's decision, series with conflicts, equipment quantities, blackouts, cancellation,
hand-over and return."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from stadtdialog.accounts.models import Role
from stadtdialog.office import queries, services
from stadtdialog.office.models import Booking, Occurrence
from tests.factories import UserFactory, staff_user

from .factories import at, equipment, next_weekday, request, room

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return staff_user(Role.Kind.COORDINATION, full_name="Kim Koordination")


def test_a_verified_resident_requests_and_the_office_approves_with_an_ics_mail(office):
    resident = UserFactory()
    hall, projector = room(), equipment(stock=4)
    booking = request(resident, room=hall, quantities={projector: 2})
    assert booking.state == Booking.State.REQUESTED
    assert booking.occurrences.count() == 1
    mail.outbox.clear()
    services.approve_booking(office, booking)
    booking.refresh_from_db()
    assert booking.state == Booking.State.APPROVED
    assert booking.occurrences.get().state == Occurrence.State.APPROVED
    message = mail.outbox[-1]
    assert message.to == [resident.email]
    name, content, kind = message.attachments[0]
    assert name.endswith(".ics") and kind == "text/calendar"
    content = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in content and "Beteiligungsraum" in content


def test_unverified_accounts_cannot_request():
    with pytest.raises(PermissionDenied):
        request(UserFactory(email_verified=False), room=room())


def test_a_weekly_series_names_the_conflicting_date_and_books_the_rest(office):
    hall = room()
    first = at(next_weekday(1), 18)
    taken = request(UserFactory(), room=hall, start=first + datetime.timedelta(days=14))
    services.approve_booking(office, taken)
    until = (first + datetime.timedelta(days=28)).date()
    with pytest.raises(services.ConflictError) as error:
        request(UserFactory(), room=hall, start=first, repeat="weekly", repeat_until=until)
    conflict_day = (first + datetime.timedelta(days=14)).date()
    assert [c.date for c in error.value.conflicts] == [conflict_day]
    assert conflict_day.strftime("%-d.%-m.%Y") in error.value.conflicts[0].message
    booking = request(
        UserFactory(), room=hall, start=first, repeat="weekly", repeat_until=until, leave_out={conflict_day}
    )
    assert booking.occurrences.count() == 4  # five weeks, one left out
    services.approve_booking(office, booking)


def test_biweekly_series_keep_the_local_time_over_the_clock_change():
    spans = services.series(
        at(datetime.date(2027, 3, 16), 18), at(datetime.date(2027, 3, 16), 20), "biweekly", datetime.date(2027, 4, 15)
    )
    assert [s.astimezone(at(datetime.date(2027, 1, 1), 0).tzinfo).hour for s, _e in spans] == [18, 18, 18]


def test_equipment_quantity_over_what_is_free_is_named(office):
    projector = equipment(stock=3)
    start = at(next_weekday(2), 9)
    services.approve_booking(office, request(UserFactory(), quantities={projector: 2}, start=start))
    with pytest.raises(services.ConflictError) as error:
        request(UserFactory(), quantities={projector: 2}, start=start + datetime.timedelta(hours=1))
    assert "nur 1" in error.value.conflicts[0].message
    request(UserFactory(), quantities={projector: 2}, start=start + datetime.timedelta(hours=2))  # after the first
    assert services.peak_in_use(projector, start, start + datetime.timedelta(hours=5)) == 2


def test_approval_refuses_when_the_room_was_given_meanwhile(office):
    hall = room()
    one, two = request(UserFactory(), room=hall), request(UserFactory(), room=hall)
    services.approve_booking(office, one)
    with pytest.raises(ValidationError) as error:
        services.approve_booking(office, two)
    assert "bereits gebucht" in " ".join(error.value.messages) or "schon" in " ".join(error.value.messages)


def test_the_booker_cancels_and_the_room_is_free_at_once(office):
    hall, resident = room(), UserFactory()
    booking = request(resident, room=hall)
    services.approve_booking(office, booking)
    services.cancel_booking(resident, booking)
    assert not Occurrence.objects.filter(room=hall, state=Occurrence.State.APPROVED).exists()
    services.approve_booking(office, request(UserFactory(), room=hall))
    with pytest.raises(PermissionDenied):
        services.cancel_booking(UserFactory(), booking)


def test_decline_needs_the_office_and_tells_the_reason(office):
    booking = request(UserFactory(), room=room())
    with pytest.raises(PermissionDenied):
        services.decline_booking(UserFactory(), booking, "Nein")
    services.decline_booking(office, booking, "Der Raum wird renoviert.")
    assert "Der Raum wird renoviert." in mail.outbox[-1].body


def test_blackout_blocks_new_requests_and_tells_holders(office):
    hall = room()
    start = at(next_weekday(3), 10)
    holder = UserFactory()
    services.approve_booking(office, request(holder, room=hall, start=start))
    mail.outbox.clear()
    _blackout, told = services.create_blackout(
        office,
        room=hall,
        equipment=None,
        start=start - datetime.timedelta(days=1),
        end=start + datetime.timedelta(days=3),
        reason="Sommerferien",
    )
    assert told == 1 and mail.outbox[-1].to == [holder.email]
    with pytest.raises(services.ConflictError) as error:
        request(UserFactory(), room=hall, start=start + datetime.timedelta(days=1))
    assert "Sommerferien" in error.value.conflicts[0].message


def test_handover_return_and_late_reminders(office):
    from django.utils import timezone

    projector = equipment()
    booking = request(UserFactory(), quantities={projector: 1})
    services.approve_booking(office, booking)
    occurrence = booking.occurrences.get()
    services.record_handover(office, occurrence)
    later = occurrence.end + datetime.timedelta(hours=3)
    assert list(services.late_returns(later)) == [occurrence]
    mail.outbox.clear()
    assert services.remind_late_returns(now=later) == 1
    assert services.remind_late_returns(now=later + datetime.timedelta(hours=1)) == 0  # once a day
    assert "zurück" in mail.outbox[-1].subject.lower() or "Rückgabe" in mail.outbox[-1].subject or mail.outbox
    services.record_return(office, occurrence, now=later)
    assert not services.late_returns(later).exists()
    assert timezone.now()
    call_command("office_daily")


def test_utilisation_counts_hours_per_room_and_month(office):
    hall = room()
    start = at(next_weekday(1), 18)
    services.approve_booking(office, request(UserFactory(), room=hall, start=start, hours=3))
    table = queries.utilisation(start.year)
    row = next(r for r in table if r["room"] == hall)
    assert row["months"][start.month - 1] == {"month": start.month, "hours": 3.0, "dates": 1}
    assert row["hours"] == 3.0
