"""Reads of the events pages, each with a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stadtdialog.accounts.rules import district_ids_of, is_city_wide_staff, unit_ids_of

from .models import Attendance, Event, EventPhoto, Registration

if TYPE_CHECKING:
    import datetime

    from django.http import HttpRequest

    from stadtdialog.accounts.models import User
    from stadtdialog.organisation.models import District
    from stadtdialog.processes.models import Process

LIST_RELATED = ("district", "process", "process__plan", "org_unit")


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events with their numbers of confirmed and waiting registrations."""
    return events.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    )


def public_events(
    district: District | None = None,
    process: Process | None = None,
    past: bool = False,
    now: datetime.datetime | None = None,
) -> QuerySet[Event]:
    """Published events of processes that are public (or without a process), upcoming first or past newest first."""
    now = now or timezone.now()
    events = (
        Event.objects.published()
        .select_related(*LIST_RELATED)
        .filter(
            Q(process__isnull=True) | Q(process__published_at__isnull=False, process__plan__published_at__isnull=False)
        )
    )
    if district is not None:
        events = events.filter(district=district)
    if process is not None:
        events = events.filter(process=process)
    if past:
        return events.filter(end__lt=now).order_by("-start", "-id")
    return events.filter(end__gte=now).order_by("start", "id")


def feed_events(**filters: District | Process | None) -> QuerySet[Event]:
    """Events for a calendar feed: upcoming and the last 90 days, cancelled ones included (marked)."""
    now = timezone.now()
    return public_events(**filters, now=now - timezone.timedelta(days=90)).order_by("start", "id")[:500]


def event_for_page(pk: int) -> Event:
    """One event with its registration counts and photos; 404 when there is none."""
    return get_object_or_404(
        with_counts(Event.objects.select_related(*LIST_RELATED)).prefetch_related(
            Prefetch("photos", queryset=EventPhoto.objects.order_by("created_at", "id"))
        ),
        pk=pk,
    )


def upcoming_for_process(process: Process, limit: int = 5, now: datetime.datetime | None = None) -> list[Event]:
    """The process's next public events."""
    return list(public_events(process=process, now=now)[:limit])


def process_page_section(request: HttpRequest, process: Process) -> dict | None:
    """The section "events" of the public process page (core/extensions.py): the next five public events of
    the process, or None when it has none. One query."""
    events = upcoming_for_process(process) if process is not None and process.pk else []
    return {"events": events} if events else None


def process_page_probe(process: Process) -> QuerySet[Event]:
    """Whether the section "events" has anything (core/extensions.py, asked with the page's other sections in one
    query): the process's upcoming public events."""
    return public_events(process=process)


def editable_events(user: User) -> QuerySet[Event]:
    """Events the user may run, newest start first."""
    events = with_counts(Event.objects.select_related(*LIST_RELATED))
    if is_city_wide_staff(user):
        return events.order_by("-start", "-id")
    scope = Q(org_unit_id__in=unit_ids_of(user)) | Q(process__plan__lead_unit_id__in=unit_ids_of(user))
    scope |= Q(district_id__in=district_ids_of(user))
    return events.filter(scope).order_by("-start", "-id")


def registrations_of(event: Event) -> list[Registration]:
    """The event's registrations in the order they came in."""
    return list(event.registrations.order_by("created_at", "id"))


def account_certificates(user: User) -> dict:
    """A section of the account page `/konto/` (accounts.personal_data.register_profile_section): the certificates of
    the trainings the account took part in."""
    attendances = list(
        Attendance.objects.filter(user=user, event__format=Event.Format.TRAINING)
        .select_related("event")
        .order_by("-event__start", "id")[:100]
    )
    return {"attendances": attendances}


def catalogue(target_group: str = "", now: datetime.datetime | None = None) -> QuerySet[Event]:
    """The training catalogue (issue 15): the published, not cancelled trainings and networking meetings still to
    come, soonest first; `target_group` one of Event.TARGET_GROUP_FIELDS (or empty: all)."""
    events = public_events(now=now).filter(format__in=Event.CATALOGUE_FORMATS, cancelled_at__isnull=True)
    if target_group in Event.TARGET_GROUP_FIELDS:
        events = events.filter(**{target_group: True})
    return events
