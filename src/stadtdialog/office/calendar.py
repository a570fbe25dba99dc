"""iCalendar files of the office: the public feed of busy times of a room or an equipment item (no names, no
purposes: only "busy"), and the file of one's own booking attached to the confirmation mail.

Every text value goes out on one line (core.text.one_line) and is escaped by the icalendar package."""

import zoneinfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core.text import one_line
from stadtdialog.organisation.queries import current_city

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{one_line(current_city().site_name)}//Stadtdialog//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(one_line(name)))
    cal.add("x-wr-timezone", "Europe/Berlin")
    return cal


def _event(uid: str, start, end, summary: str, location: str = "") -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"{uid}@stadtdialog")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", start.astimezone(BERLIN))
    item.add("dtend", end.astimezone(BERLIN))
    item.add("summary", one_line(summary))
    if location:
        item.add("location", one_line(location))
    item.add("transp", "OPAQUE")
    return item


def busy_calendar(name: str, spans, location: str = "") -> bytes:
    """Busy times as events named only "busy": `spans` are (uid, start, end)."""
    cal = _calendar(name)
    for uid, start, end in spans:
        cal.add_component(_event(uid, start, end, _("Busy"), location))
    cal.add_missing_timezones()
    return cal.to_ical()


def booking_calendar(booking, occurrences) -> bytes:
    """The booker's own booking: every approved date with the room, the equipment and the purpose."""
    what = booking.room.name if booking.room else ", ".join(str(item) for item in booking.items.all())
    location = booking.room.address if booking.room else ""
    cal = _calendar(_("Booking: %(what)s") % {"what": what})
    for occurrence in occurrences:
        cal.add_component(
            _event(
                f"office-occurrence-{occurrence.pk}",
                occurrence.start,
                occurrence.end,
                f"{what}: {booking.purpose}",
                location,
            )
        )
    cal.add_missing_timezones()
    return cal.to_ical()


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
