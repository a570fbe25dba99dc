"""A resident's bookings outlive the account: past dates stay (without anything personal) for the office's history,
open requests and dates to come are cancelled at once so that others can book them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.accounts.services import delete_account
from stadtdialog.core.models import AuditEntry
from stadtdialog.office import queries, services
from stadtdialog.office.account_data import PURPOSE_OF_DELETED
from stadtdialog.office.models import Booking, Occurrence
from stadtdialog.office.tasks import send_booking_mail
from tests.accounts.test_account_deletion import rows_holding
from tests.factories import PASSWORD, UserFactory, staff_user

from .factories import at, equipment, next_weekday, request, room

pytestmark = pytest.mark.django_db

NAME = "Gerda Kühn"
EMAIL = "gerda.kuehn@example.org"
GROUP = "Gartengruppe Kühn-Linden"
NEEDS = "Rollstuhlplatz für Frau Kühn"
PURPOSE = "Treffen der Gartengruppe bei Gerda"


@pytest.fixture
def office():
    return staff_user(Role.Kind.COORDINATION, full_name="Kim Koordination")


def _move_to_the_past(booking, days_ago: int, *, handed_over=False, returned=False):
    """request_booking refuses a start in the past: the dates are moved back afterwards."""
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    end = start + datetime.timedelta(hours=2)
    booking.occurrences.update(
        start=start,
        end=end,
        handed_over_at=start if handed_over else None,
        returned_at=end if returned else None,
    )
    return start


@pytest.fixture
def history(office):
    resident = UserFactory(email=EMAIL, display_name=NAME)
    hall, projector = room(), equipment()
    details = {"organisation": GROUP, "accessibility_needs": NEEDS, "purpose": PURPOSE}
    past = request(resident, room=hall, quantities={projector: 1}, **details)
    services.approve_booking(office, past)
    past_start = _move_to_the_past(past, 40, handed_over=True, returned=True)
    lent = request(resident, quantities={projector: 1}, start=at(next_weekday(2), 10), **details)
    services.approve_booking(office, lent)
    _move_to_the_past(lent, 1, handed_over=True)  # the projector is not back yet
    future_start = at(next_weekday(3), 18)
    future = request(resident, room=hall, start=future_start, **details)
    services.approve_booking(office, future)
    pending = request(resident, room=hall, start=at(next_weekday(4), 18), **details)
    return {
        "resident": resident,
        "hall": hall,
        "past": past,
        "past_start": past_start,
        "lent": lent,
        "future": future,
        "future_start": future_start,
        "pending": pending,
    }


def _dates_in_month(hall, start) -> int:
    local = timezone.localtime(start)
    row = next(r for r in queries.utilisation(local.year) if r["room"] == hall)
    return row["months"][local.month - 1]["dates"]


def test_the_past_booking_stays_without_anything_personal_and_still_counts(office, history):
    counted = _dates_in_month(history["hall"], history["past_start"])
    assert counted == 1

    delete_account(history["resident"], password=PASSWORD)

    past = Booking.objects.get(pk=history["past"].pk)
    assert past.booker is None
    assert (past.organisation, past.accessibility_needs, past.purpose) == ("", "", PURPOSE_OF_DELETED)
    assert past.state == Booking.State.APPROVED
    assert past.occurrences.get().state == Occurrence.State.APPROVED
    assert _dates_in_month(history["hall"], history["past_start"]) == counted
    assert Booking.objects.filter(pk__in=[b.pk for b in history.values() if isinstance(b, Booking)]).count() == 4
    assert rows_holding(NAME, EMAIL, GROUP, NEEDS, PURPOSE) == []


def test_open_requests_and_dates_to_come_are_cancelled_and_free_at_once(office, history):
    delete_account(history["resident"], password=PASSWORD)

    future = Booking.objects.get(pk=history["future"].pk)
    pending = Booking.objects.get(pk=history["pending"].pk)
    assert future.state == pending.state == Booking.State.CANCELLED
    assert future.cancelled_at is not None
    assert {o.state for o in Occurrence.objects.filter(booking__in=[future, pending])} == {Occurrence.State.CANCELLED}
    cancelled = AuditEntry.objects.filter(action="booking.cancel", actor=None).order_by("object_id")
    assert [(e.object_id, e.changes["state"]) for e in cancelled] == [
        (str(future.pk), ["approved", "cancelled"]),
        (str(pending.pk), ["requested", "cancelled"]),
    ]
    # another resident gets the date at once
    other = request(UserFactory(), room=history["hall"], start=history["future_start"])
    services.approve_booking(office, other)
    assert other.occurrences.get().state == Occurrence.State.APPROVED


def test_equipment_not_yet_back_stays_on_the_offices_list(client, office, history):
    delete_account(history["resident"], password=PASSWORD)

    lent = Booking.objects.get(pk=history["lent"].pk)
    assert lent.state == Booking.State.APPROVED and lent.booker is None
    assert list(queries.returns_due(timezone.localdate())) == [lent.occurrences.get()]
    client.force_login(office)
    home = client.get(reverse("office:staff_home"))
    assert home.status_code == 200
    assert "Konto gelöscht" in home.content.decode()


def test_staff_page_csv_and_mail_cope_with_a_booking_without_booker(client, office, history):
    delete_account(history["resident"], password=PASSWORD)
    past = history["past"]
    client.force_login(office)

    page = client.get(reverse("office:staff_booking", args=[past.pk]))
    assert page.status_code == 200
    assert "Konto gelöscht" in page.content.decode()
    assert "mailto:" not in page.content.decode()
    since = (timezone.localdate(history["past_start"]) - datetime.timedelta(days=1)).isoformat()
    response = client.get(reverse("office:staff_export"), {"von": since})
    assert response.status_code == 200
    csv = b"".join(response.streaming_content).decode()
    assert "Konto gelöscht" in csv and PURPOSE_OF_DELETED in csv
    assert NAME not in csv and GROUP not in csv
    assert send_booking_mail.call(past.pk, "approved") is False


def test_a_booking_without_booker_is_nobodys_own(client, history):
    delete_account(history["resident"], password=PASSWORD)
    stranger = UserFactory()
    past = Booking.objects.get(pk=history["past"].pk)

    assert not stranger.has_perm("office.view_booking", past)
    assert not stranger.has_perm("office.cancel_booking", past)
    client.force_login(stranger)
    assert client.get(reverse("office:my_booking", args=[past.pk])).status_code == 404
    assert client.get(reverse("office:cancel_booking", args=[past.pk])).status_code == 404
