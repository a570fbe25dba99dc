"""iCalendar (RFC 5545) files: one event, or a feed of the events of a process or a district.

Titles, places and the calendar's name go out on one line (core.text.one_line: a title stored with a line break,
from before the forms refused them, is not a broken file); every text value is escaped by the icalendar package
(X-WR-CALNAME too, as vText: the package does not know its type and would not escape it)."""

import zoneinfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from stadtdialog.core.text import one_line
from stadtdialog.organisation.queries import current_city

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _vevent(event, root: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"{event.uid}@stadtdialog")
    item.add("sequence", event.sequence)
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("created", event.created_at)
    item.add("last-modified", event.updated_at)
    item.add("dtstart", event.start.astimezone(BERLIN))
    item.add("dtend", event.end.astimezone(BERLIN))
    item.add("summary", one_line(event.title))
    item.add("location", one_line(f"{event.place_name}, {event.address}"))
    item.add("url", root + event.get_absolute_url())
    description = [event.description] if event.description else []
    features = event.accessibility_features()
    if features:
        description.append(", ".join(features))
    if event.is_cancelled:
        description.insert(0, event.cancellation_reason)
    if description:
        item.add("description", "\n\n".join(description))
    if event.latitude is not None:
        item.add("geo", (float(event.latitude), float(event.longitude)))
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return item


def calendar_for(events, name: str, root: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{current_city().site_name}//Stadtdialog//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(one_line(name)))
    cal.add("x-wr-timezone", "Europe/Berlin")
    for event in events:
        cal.add_component(_vevent(event, root))
    cal.add_missing_timezones()
    return cal.to_ical()


def ics_response(events, name: str, root: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_for(events, name, root), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
