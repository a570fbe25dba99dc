"""Labels of the office's audit actions and who sees the histories (imported by OfficeConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Blackout, Booking, Equipment, OfficeHour, Room

register_actions(
    {
        "booking.request": _("Booking requested"),
        "booking.approve": _("Booking approved"),
        "booking.decline": _("Booking declined"),
        "booking.cancel": _("Booking cancelled"),
        "booking.handover": _("Equipment handed over"),
        "booking.return": _("Equipment returned"),
        "booking.return_reminder": _("Reminded of the return"),
        "booking.blackout": _("Blackout period set"),
        "booking.blackout_delete": _("Blackout period removed"),
        "room.create": _("Room added"),
        "room.photo_add": _("Photo added"),
        "room.photo_remove": _("Photo removed"),
        "room.update": _("Room changed"),
        "room.deactivate": _("Room deactivated"),
        "room.delete": _("Room deleted"),
        "equipment.create": _("Equipment added"),
        "equipment.update": _("Equipment changed"),
        "equipment.deactivate": _("Equipment deactivated"),
        "equipment.delete": _("Equipment deleted"),
        "office_hour.create": _("Office hour published"),
        "office_hour.update": _("Office hour changed"),
        "office_hour.exception": _("Day left out"),
        "office_hour.book": _("Slot booked"),
        "office_hour.confirm": _("Slot booking confirmed"),
        "office_hour.cancel": _("Slot booking cancelled"),
    }
)
register_history(
    Booking,
    "office.manage_bookings",
    url=lambda booking: reverse("office:staff_booking", args=[booking.pk]),
    labels={
        "equipment": _("Equipment"),
        "dates": _("Dates"),
        "left_out": _("Dates left out"),
        "reason": _("Reason"),
        "handed_over": _("Handed over"),
        "returned": _("Returned"),
        "reminded": _("Reminded"),
    },
)
register_history(
    Blackout,
    "office.manage_bookings",
    url=lambda blackout: reverse("office:staff_blackouts"),
    labels={"span": _("Period"), "affected": _("Bookings affected")},
)
register_history(
    Room,
    "office.manage_bookings",
    url=lambda room: reverse("office:staff_room_edit", args=[room.pk]),
    labels={"photo": _("Photo")},
)
register_history(
    Equipment,
    "office.manage_bookings",
    url=lambda equipment: reverse("office:staff_equipment_edit", args=[equipment.pk]),
)
register_history(
    OfficeHour,
    "office.change_office_hour",
    url=lambda office_hour: reverse("office:staff_office_hour", args=[office_hour.pk]),
    labels={"exception": _("Day left out"), "slot": _("Slot"), "booking": _("Booking")},
)
