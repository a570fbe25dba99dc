"""Reads of the office pages, each in a fixed number of queries whatever the number of bookings.

Public reads (catalogue, week views, feeds, office hours) return times only: never a booker, a purpose or a
name. `utilisation` is the figure the reporting app reads (booked hours per room and month)."""

from __future__ import annotations

import dataclasses
import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Blackout, Booking, Equipment, Occurrence, OfficeHour, Room, RoomPhoto, Slot, SlotBooking

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User
    from stadtdialog.organisation.models import District

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
FEED_PAST_DAYS = 30
FEED_DAYS_AHEAD = 366


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=BERLIN)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


# --- the catalogue -------------------------------------------------------------------------------------


def rooms() -> QuerySet[Room]:
    return (
        Room.objects.filter(is_active=True)
        .select_related("district", "rules_page")
        .prefetch_related(Prefetch("photos", queryset=RoomPhoto.objects.order_by("created_at", "id")))
    )


def equipment_list() -> QuerySet[Equipment]:
    return Equipment.objects.filter(is_active=True)


# --- week views ----------------------------------------------------------------------------------------


@dataclasses.dataclass
class Busy:
    start: datetime.datetime
    end: datetime.datetime
    kind: str = "busy"  # "busy" or "blackout"
    quantity: int | None = None  # equipment: units lent
    reason: str = ""  # a blackout's public reason


@dataclasses.dataclass
class Day:
    date: datetime.date
    busy: list[Busy]


def _days(monday: datetime.date, spans: list[Busy]) -> list[Day]:
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        begin, finish = local_midnight(day), local_midnight(day + datetime.timedelta(days=1))
        shown = [
            dataclasses.replace(
                span, start=max(span.start, begin).astimezone(BERLIN), end=min(span.end, finish).astimezone(BERLIN)
            )
            for span in spans
            if span.start < finish and span.end > begin
        ]
        days.append(Day(day, sorted(shown, key=lambda span: span.start)))
    return days


def _blackouts_of(scope: Q, start: datetime.datetime, end: datetime.datetime) -> list[Busy]:
    rows = Blackout.objects.filter(scope | Q(room__isnull=True, equipment__isnull=True), start__lt=end, end__gt=start)
    return [Busy(b.start, b.end, "blackout", reason=b.reason) for b in rows]


def room_week(room: Room, monday: datetime.date) -> list[Day]:
    """The busy times of a room in one week (approved dates and blackouts): two queries."""
    start, end = local_midnight(monday), local_midnight(monday + datetime.timedelta(days=7))
    busy = [
        Busy(s, e)
        for s, e in room.occurrences.filter(state=Occurrence.State.APPROVED, start__lt=end, end__gt=start).values_list(
            "start", "end"
        )
    ]
    return _days(monday, busy + _blackouts_of(Q(room=room), start, end))


def _equipment_spans(
    equipment: Equipment, start: datetime.datetime, end: datetime.datetime
) -> list[tuple[int, datetime.datetime, datetime.datetime, int]]:
    return list(
        Occurrence.objects.filter(
            state=Occurrence.State.APPROVED,
            start__lt=end,
            end__gt=start,
            booking__items__equipment=equipment,
        ).values_list("pk", "start", "end", "booking__items__quantity")
    )


def equipment_week(equipment: Equipment, monday: datetime.date) -> list[Day]:
    """When units of an equipment item are lent in one week, with the number lent: two queries."""
    start, end = local_midnight(monday), local_midnight(monday + datetime.timedelta(days=7))
    busy = [Busy(s, e, quantity=q) for _pk, s, e, q in _equipment_spans(equipment, start, end)]
    return _days(monday, busy + _blackouts_of(Q(equipment=equipment), start, end))


def room_feed(
    room: Room, now: datetime.datetime | None = None
) -> list[tuple[str, datetime.datetime, datetime.datetime]]:
    """(uid, start, end) of a room's approved dates and blackouts, from a month ago to a year ahead."""
    now = now or timezone.now()
    start, end = now - datetime.timedelta(days=FEED_PAST_DAYS), now + datetime.timedelta(days=FEED_DAYS_AHEAD)
    rows = room.occurrences.filter(state=Occurrence.State.APPROVED, start__lt=end, end__gt=start).values_list(
        "pk", "start", "end"
    )
    blackouts = Blackout.objects.filter(
        Q(room=room) | Q(room__isnull=True, equipment__isnull=True), start__lt=end, end__gt=start
    )
    return [(f"office-occurrence-{pk}", s, e) for pk, s, e in rows] + [
        (f"office-blackout-{b.pk}", b.start, b.end) for b in blackouts
    ]


def equipment_feed(equipment: Equipment, now: datetime.datetime | None = None) -> list[tuple]:
    now = now or timezone.now()
    start, end = now - datetime.timedelta(days=FEED_PAST_DAYS), now + datetime.timedelta(days=FEED_DAYS_AHEAD)
    return [
        (f"office-occurrence-{pk}-{equipment.pk}", s, e) for pk, s, e, _q in _equipment_spans(equipment, start, end)
    ]


# --- the booker's own bookings -------------------------------------------------------------------------


def bookings_of(user: User) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(booker=user)
        .select_related("room")
        .prefetch_related("items__equipment", Prefetch("occurrences", queryset=Occurrence.objects.order_by("start")))
        .order_by("-created_at", "-id")
    )


def booking_for_page(pk: int) -> Booking | None:
    return (
        Booking.objects.select_related("room", "booker", "decided_by")
        .prefetch_related("items__equipment", Prefetch("occurrences", queryset=Occurrence.objects.order_by("start")))
        .filter(pk=pk)
        .first()
    )


# --- the staff area ------------------------------------------------------------------------------------


def open_requests() -> QuerySet[Booking]:
    return (
        Booking.objects.filter(state=Booking.State.REQUESTED)
        .select_related("room", "booker")
        .prefetch_related("items__equipment", Prefetch("occurrences", queryset=Occurrence.objects.order_by("start")))
        .order_by("created_at", "id")
    )


def _lent(qs: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    return (
        qs.filter(state=Occurrence.State.APPROVED, booking__items__isnull=False)
        .distinct()
        .select_related("booking__booker", "booking__room")
        .prefetch_related("booking__items__equipment")
        .order_by("start", "id")
    )


def handovers_on(day: datetime.date) -> QuerySet[Occurrence]:
    """Equipment to hand over on a day (dates starting then, not handed over yet)."""
    start, end = local_midnight(day), local_midnight(day + datetime.timedelta(days=1))
    return _lent(Occurrence.objects.filter(start__gte=start, start__lt=end, handed_over_at__isnull=True))


def returns_due(day: datetime.date, now: datetime.datetime | None = None) -> QuerySet[Occurrence]:
    """Equipment out that is due back by the end of the day (late ones included)."""
    end = local_midnight(day + datetime.timedelta(days=1))
    return _lent(Occurrence.objects.filter(end__lt=end, handed_over_at__isnull=False, returned_at__isnull=True))


def month_calendar(first: datetime.date) -> tuple[list[Room], list[dict]]:
    """All rooms and, per day of the month, their open dates (approved and requested): three queries."""
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    start, end = local_midnight(first), local_midnight(following)
    all_rooms = list(Room.objects.order_by("position", "name"))
    dates = list(
        Occurrence.objects.filter(
            room__isnull=False,
            state__in=[Occurrence.State.APPROVED, Occurrence.State.REQUESTED],
            start__lt=end,
            end__gt=start,
        )
        .select_related("booking")
        .order_by("start")
    )
    by_day: dict[tuple[datetime.date, int], list] = {}
    for occurrence in dates:
        by_day.setdefault((occurrence.start.astimezone(BERLIN).date(), occurrence.room_id), []).append(occurrence)
    rows, day = [], first
    while day < following:
        rows.append({"date": day, "cells": [by_day.get((day, room.pk), []) for room in all_rooms]})
        day += datetime.timedelta(days=1)
    return all_rooms, rows


def utilisation(year: int) -> list[dict]:
    """Booked hours and dates per room and month of a year (approved dates), for the staff area and the reporting
    app: [{"room": Room, "months": [{"month": 1, "hours": 12.5, "dates": 5}, …], "hours": …, "dates": …}]."""
    start, end = local_midnight(datetime.date(year, 1, 1)), local_midnight(datetime.date(year + 1, 1, 1))
    all_rooms = list(Room.objects.order_by("position", "name"))
    table = {room.pk: [[0.0, 0] for _month in range(12)] for room in all_rooms}
    for room_id, s, e in Occurrence.objects.filter(
        room__isnull=False, state=Occurrence.State.APPROVED, start__gte=start, start__lt=end
    ).values_list("room_id", "start", "end"):
        cell = table[room_id][s.astimezone(BERLIN).month - 1]
        cell[0] += (e - s).total_seconds() / 3600
        cell[1] += 1
    return [
        {
            "room": room,
            "months": [{"month": i + 1, "hours": round(h, 1), "dates": n} for i, (h, n) in enumerate(table[room.pk])],
            "hours": round(sum(h for h, _n in table[room.pk]), 1),
            "dates": sum(n for _h, n in table[room.pk]),
        }
        for room in all_rooms
    ]


def export_rows(first: datetime.date, last: datetime.date) -> QuerySet[Occurrence]:
    """The dates of bookings between two days for the staff CSV."""
    return (
        Occurrence.objects.filter(
            start__gte=local_midnight(first), start__lt=local_midnight(last + datetime.timedelta(days=1))
        )
        .select_related("booking__booker", "room")
        .prefetch_related("booking__items__equipment")
        .order_by("start", "id")
    )


# --- office hours --------------------------------------------------------------------------------------


def _taken() -> Exists:
    return Exists(SlotBooking.objects.filter(slot=OuterRef("pk"), state__in=SlotBooking.ACTIVE))


def office_hours_with_slots(
    office_hours: QuerySet[OfficeHour], now: datetime.datetime | None = None, days: int = 28
) -> list[OfficeHour]:
    """Office hours with their coming slots (`free_slots`, free ones only): two queries."""
    now = now or timezone.now()
    hours = list(office_hours.select_related("district", "host"))
    slots = (
        Slot.objects.filter(
            office_hour__in=[h.pk for h in hours],
            is_cancelled=False,
            start__gt=now,
            start__lt=now + datetime.timedelta(days=days),
        )
        .annotate(taken=_taken())
        .filter(taken=False)
        .order_by("start")
    )
    by_hour: dict[int, list[Slot]] = {}
    for slot in slots:
        by_hour.setdefault(slot.office_hour_id, []).append(slot)
    for hour in hours:
        hour.free_slots = by_hour.get(hour.pk, [])
    return hours


def public_office_hours(now: datetime.datetime | None = None) -> list[OfficeHour]:
    return office_hours_with_slots(
        OfficeHour.objects.filter(is_active=True).order_by("district__number", "weekday", "start_time"), now
    )


def district_section(request: HttpRequest | None, district: District) -> dict | None:
    """The section "district_public": the office hours of the district's managers; None when there are none."""
    hours = office_hours_with_slots(
        OfficeHour.objects.filter(is_active=True, district=district).order_by("weekday", "start_time")
    )
    if not hours:
        return None
    return {"office_hours": hours, "district": district}


def slot_for_booking(pk: int) -> Slot | None:
    return (
        Slot.objects.select_related("office_hour", "office_hour__district")
        .annotate(taken=_taken())
        .filter(pk=pk, office_hour__is_active=True)
        .first()
    )


def staff_office_hours(user: User) -> QuerySet[OfficeHour]:
    from stadtdialog.accounts.rules import district_ids_of, is_city_wide_staff

    hours = OfficeHour.objects.select_related("district", "host")
    if not is_city_wide_staff(user):
        hours = hours.filter(Q(host=user) | Q(district_id__in=district_ids_of(user)))
    return hours.order_by("district__number", "weekday", "start_time")


def staff_day(user: User, day: datetime.date) -> list[Slot]:
    """The slots of a day of the office hours the user runs, each with its active booking (`active`)."""
    start, end = local_midnight(day), local_midnight(day + datetime.timedelta(days=1))
    active = SlotBooking.objects.filter(state__in=SlotBooking.ACTIVE)
    slots = list(
        Slot.objects.filter(office_hour__in=staff_office_hours(user), start__gte=start, start__lt=end)
        .select_related("office_hour", "office_hour__district")
        .prefetch_related(Prefetch("bookings", queryset=active, to_attr="active_bookings"))
        .order_by("start")
    )
    for slot in slots:
        slot.active = slot.active_bookings[0] if slot.active_bookings else None
    return slots


def booked_slots(user: User, now: datetime.datetime | None = None) -> QuerySet[SlotBooking]:
    """Coming booked slots of the office hours the user runs."""
    now = now or timezone.now()
    return (
        SlotBooking.objects.filter(
            state__in=SlotBooking.ACTIVE, slot__start__gte=now, slot__office_hour__in=staff_office_hours(user)
        )
        .select_related("slot__office_hour")
        .order_by("slot__start")
    )
