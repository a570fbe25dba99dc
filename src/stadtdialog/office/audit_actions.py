"""Labels of the office's audit actions and who sees the histories (imported by OfficeConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Blackout, Booking, Equipment, FundingApplication, FundingRound, OfficeHour, Room

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

# Funding rounds (issue 15).
register_actions(
    {
        "funding.committee_create": _("Funding committee recorded"),
        "funding.member_add": _("Committee member added"),
        "funding.member_remove": _("Committee member removed"),
        "funding.round_create": _("Funding round opened"),
        "funding.round_update": _("Funding round changed"),
        "funding.application_save": _("Funding application saved"),
        "funding.application_submit": _("Funding application submitted"),
        "funding.application_resubmit": _("Funding application submitted again"),
        "funding.more_info": _("More information requested"),
        "funding.screen": _("Eligibility checked"),
        "funding.session_create": _("Committee session planned"),
        "funding.agenda": _("Put on the agenda"),
        "funding.attendance": _("Attendance recorded"),
        "funding.conflict": _("Conflict of interest declared"),
        "funding.decide": _("Committee decision recorded"),
        "funding.session_close": _("Committee session closed"),
        "funding.instalment": _("Payment date recorded"),
        "funding.paid": _("Payment recorded"),
        "funding.report_submit": _("Use-of-funds report submitted"),
        "funding.report_review": _("Use-of-funds report reviewed"),
        "funding.report_reminder": _("Reminded of the use-of-funds report"),
    }
)
register_history(
    FundingApplication,
    "office.manage_funding",
    url=lambda application: reverse("office:staff_funding_application", args=[application.pk]),
    labels={
        "note": _("Note"),
        "recommendation": _("Recommendation"),
        "requested": _("Requested amount"),
        "amount": _("Approved amount"),
        "reason": _("Reason"),
        "conflict": _("Conflict of interest"),
        "instalment": _("Payment date"),
        "spent": _("Funds spent"),
        "report": _("Use-of-funds report"),
        "due": _("Due"),
    },
)
register_history(
    FundingRound,
    "office.manage_funding",
    url=lambda funding_round: reverse("office:staff_funding_round", args=[funding_round.pk]),
    labels={"budget": _("Budget")},
)
