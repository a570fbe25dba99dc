"""The office's section of the staff home ("staff_home": booking requests to decide, oldest first). Registered
in apps.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Booking

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

TODO_LIMIT = 5


def _requests():
    return Booking.objects.filter(state=Booking.State.REQUESTED)


def staff_requests_probe(user: User):
    return _requests() if user.has_perm("office.manage_bookings") else []


def staff_requests_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.has_perm("office.manage_bookings"):
        return None
    found = _requests().select_related("room").order_by("created_at", "id")
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "booking-requests",
            "heading": _("Booking requests to decide"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": f"{booking} · {booking.room.name}" if booking.room_id else str(booking),
                    "url": reverse("office:staff_booking", args=[booking.pk]),
                    "context": booking.purpose,
                    "when": booking.created_at,
                    "when_label": _("requested on"),
                }
                for booking in rows
            ],
            "more_url": reverse("office:staff_home"),
            "more_label": _("Rooms and equipment"),
        }
    }
