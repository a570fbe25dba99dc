"""iCalendar (RFC 5545) files: one event, or a feed of the events of a process or a district."""

import zoneinfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone

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
    item.add("summary", event.title)
    item.add("location", f"{event.place_name}, {event.address}")
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
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    for event in events:
        cal.add_component(_vevent(event, root))
    cal.add_missing_timezones()
    return cal.to_ical()


def ics_response(events, name: str, root: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_for(events, name, root), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
