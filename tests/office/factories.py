"""Rooms, equipment, bookings and office hours for the office tests."""

import datetime
import zoneinfo

from django.utils import timezone

from stadtdialog.office import services
from stadtdialog.office.models import Equipment, OfficeHour, Room

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def next_weekday(weekday: int, weeks: int = 1) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def room(**kwargs) -> Room:
    defaults = {
        "name": "Beteiligungsraum im Bürgerbüro",
        "slug": f"raum-{Room.objects.count() + 1}",
        "capacity": 30,
        "address": "Trammplatz 2, 30159 Hannover",
        "step_free": True,
        "hearing_loop": True,
    }
    return Room.objects.create(**{**defaults, **kwargs})


def equipment(**kwargs) -> Equipment:
    defaults = {
        "name": "Beamer",
        "slug": f"material-{Equipment.objects.count() + 1}",
        "stock": 5,
        "pickup": "Koordinierungsstelle, Trammplatz 2, Raum 112",
    }
    return Equipment.objects.create(**{**defaults, **kwargs})


def request(user, *, room=None, quantities=None, start=None, hours=2, **kwargs):
    start = start or at(next_weekday(1), 18)
    data = {
        "room": room,
        "quantities": quantities or {},
        "start": start,
        "end": start + datetime.timedelta(hours=hours),
        "purpose": "Werkstatt zum Spielplatz im Lindener Park",
        "expected_people": 12,
    }
    data.update(kwargs)
    return services.request_booking(user, **data)


def office_hour(host, **kwargs) -> OfficeHour:
    data = {
        "title": "Offene Sprechstunde der Koordinierungsstelle",
        "weekday": 2,
        "start_time": datetime.time(10),
        "end_time": datetime.time(12),
        "slot_minutes": 30,
        "mode": OfficeHour.Mode.ON_SITE,
        "place": "Trammplatz 2, Raum 110",
        # from tomorrow: a slot of today may already have begun, and a begun slot cannot be booked
        "valid_from": timezone.localdate() + datetime.timedelta(days=1),
        "district": None,
        "is_active": True,
    }
    data.update(kwargs)
    return services.create_office_hour(host, data)
