"""The events' section of the start page ("start_page": the coming events). Registered in apps.py."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import queries
from .models import Event

if TYPE_CHECKING:
    from django.http import HttpRequest

START_LIMIT = 5


def start_events_probe(today: datetime.date) -> QuerySet[Event]:
    return queries.public_events().filter(cancelled_at__isnull=True)


def start_events_section(request: HttpRequest | None, today: datetime.date) -> dict:
    """The next events (not cancelled), soonest first: one query."""
    events = list(
        queries.public_events(now=timezone.now()).filter(cancelled_at__isnull=True).select_related(None)[:START_LIMIT]
    )
    return {
        "start": {
            "id": "events",
            "heading": _("Coming events"),
            "items": [
                {
                    "title": event.title,
                    "url": event.get_absolute_url(),
                    "context": event.place_name,
                    "when": timezone.localtime(event.start),
                    "with_time": True,
                    "when_label": "",
                }
                for event in events
            ],
            "more_url": reverse("events:list"),
            "more_label": _("All events"),
        }
    }
