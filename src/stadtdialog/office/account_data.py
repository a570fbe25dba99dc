"""The account's bookings of rooms and equipment in the resident's data export. They are deleted with the account
(the booker's foreign key cascades, and the dates are free at once); office-hour bookings are made without an
account and lose their personal data 30 days after the slot."""

from stadtdialog.accounts.personal_data import register_exporter

from .models import Booking


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


register_exporter("office_bookings", export_bookings)
