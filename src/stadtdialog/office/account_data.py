"""The account's bookings of rooms and equipment: in the resident's data export, and kept without anything personal
when the account is deleted, so that the office's history (the use of the rooms, the public report, the records of
lent equipment) stays whole.

On deletion (forget_bookings, in the deletion's transaction) the account's open bookings are cancelled like
services.bookings.cancel_booking does (one `booking.cancel` audit entry each, without actor, no mail): a request
not yet decided loses all its dates, an approved booking its dates still to come, so those dates are free at once.
Dates already held stay approved and are counted; so does a date whose equipment was handed over and is not back
yet (the office still has to see it). Then every booking of the account loses the booker (NULL, shown as "Konto
gelöscht"), the organisation, the accessibility needs and the office's reason. The purpose is cleared as well (to
PURPOSE_OF_DELETED): the office app treats it as personal (never on public pages, in the API or the report; it
often names the group or the person). What stays are times, room, equipment, number of people and states. The
foreign key is SET_NULL, so a booking can never go with its account.

Office-hour bookings are made without an account and lose their personal data 30 days after the slot.
"""

from django.db.models import Q
from django.utils import timezone

from stadtdialog.accounts.personal_data import register_deletion_hook, register_exporter, register_owned_objects
from stadtdialog.core import audit

from .models import Booking, Occurrence

PURPOSE_OF_DELETED = "(Konto gelöscht)"  # stored in place of the purpose (data, like accounts' DELETED_ACCOUNT)


def export_bookings(user) -> list[dict]:
    rows = (
        Booking.objects.filter(booker=user).select_related("room").prefetch_related("items__equipment", "occurrences")
    )
    return [
        {
            "purpose": booking.purpose,
            "for": booking.organisation,
            "room": booking.room.name if booking.room else None,
            "equipment": [f"{item.quantity} × {item.equipment.name}" for item in booking.items.all()],
            "dates": [[o.start.isoformat(), o.end.isoformat(), o.state] for o in booking.occurrences.all()],
            "expected_people": booking.expected_people,
            "accessibility_needs": booking.accessibility_needs,
            "state": booking.state,
            "requested_at": booking.created_at.isoformat(),
        }
        for booking in rows.order_by("created_at", "id")
    ]


def _bookings_of(user):
    return Booking.objects.filter(booker=user)


def forget_bookings(user) -> None:
    """Runs in the deletion's transaction (accounts.services.delete_account); a fixed number of queries plus one
    audit entry per cancelled booking."""
    now = timezone.now()
    open_states = (Occurrence.State.REQUESTED, Occurrence.State.APPROVED)
    still_lent = Q(handed_over_at__isnull=False, returned_at__isnull=True)
    dates_to_come = Occurrence.objects.filter(state__in=open_states, end__gt=now).exclude(still_lent)
    # the same row lock as cancel_booking and approve_booking take, so that no decision slips in between
    to_cancel = list(
        Booking.objects.select_for_update()
        .filter(booker=user)
        .filter(
            Q(state=Booking.State.REQUESTED)
            | Q(state=Booking.State.APPROVED, pk__in=dates_to_come.values("booking_id"))
        )
        .order_by("id")
    )
    if to_cancel:
        ids = [booking.pk for booking in to_cancel]
        Occurrence.objects.filter(booking_id__in=ids, state__in=open_states).filter(
            Q(end__gt=now) | Q(state=Occurrence.State.REQUESTED)
        ).exclude(still_lent).update(state=Occurrence.State.CANCELLED)
        Booking.objects.filter(pk__in=ids).update(state=Booking.State.CANCELLED, cancelled_at=now, updated_at=now)
        for booking in to_cancel:
            audit.record(None, "booking.cancel", booking, {"state": [booking.state, Booking.State.CANCELLED]})
    _bookings_of(user).update(
        booker=None,
        organisation="",
        accessibility_needs="",
        decision_reason="",
        purpose=PURPOSE_OF_DELETED,
        updated_at=now,
    )


register_exporter("office_bookings", export_bookings)
register_owned_objects("office_bookings", _bookings_of)
register_deletion_hook("office_bookings", forget_bookings)
