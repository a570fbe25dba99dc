"""Bookings of rooms and equipment: requests (once or as a series), the office's decision, cancellation,
hand-over and return, late returns and blackout periods.

No double booking, guaranteed by the database:

- every write that can make an occurrence approved locks the room row and the equipment rows (in id order, so
  that two writers never wait for each other) and reads the approved occurrences again inside the lock;
- on PostgreSQL the exclusion constraint `office_room_no_overlap` (migration 0002) refuses a second approved
  occurrence of a room that overlaps in time, whatever the code does; its IntegrityError becomes the same
  German message;
- on SQLite the transaction is IMMEDIATE (settings): one writer at a time.
"""

from __future__ import annotations

import dataclasses
import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require

from ..models import Blackout, Booking, BookingItem, Equipment, Occurrence, Room
from ..tasks import send_booking_mail

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MAX_OCCURRENCES = 60
OPEN_STATES = (Occurrence.State.REQUESTED, Occurrence.State.APPROVED)


@dataclasses.dataclass
class Conflict:
    """Why one date cannot be booked, in German, with the date it concerns."""

    date: datetime.date
    message: str


class ConflictError(ValidationError):
    """A ValidationError that also carries the conflicting dates (the form offers to leave them out)."""

    def __init__(self, conflicts: list[Conflict], field: str | None = None):
        self.conflicts = conflicts
        messages = [conflict.message for conflict in conflicts]
        super().__init__({field: messages} if field else messages)


def span_text(start: datetime.datetime, end: datetime.datetime) -> str:
    start, end = start.astimezone(BERLIN), end.astimezone(BERLIN)
    day = date_format(start, "D, j.n.Y")
    if start.date() == end.date():
        return f"{day}, {start:%H:%M}–{end:%H:%M}"
    return f"{day}, {start:%H:%M} – {date_format(end, 'D, j.n.Y')}, {end:%H:%M}"


def series(
    start: datetime.datetime, end: datetime.datetime, repeat: str, until: datetime.date | None
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The dates of a booking: one, or every (second) week at the same local time until `until` (inclusive)."""
    if not repeat:
        return [(start, end)]
    step = 14 if repeat == Booking.Repeat.BIWEEKLY else 7
    local_start, duration = start.astimezone(BERLIN), end - start
    spans, day = [], local_start.date()
    while until is not None and day <= until and len(spans) < MAX_OCCURRENCES:
        begin = datetime.datetime.combine(day, local_start.time().replace(tzinfo=None), tzinfo=BERLIN)
        spans.append((begin, begin + duration))
        day += datetime.timedelta(days=step)
    return spans


# --- what is busy ------------------------------------------------------------------------------------


def _overlapping(queryset: QuerySet, start: datetime.datetime, end: datetime.datetime) -> QuerySet:
    return queryset.filter(start__lt=end, end__gt=start)


def _blackouts(
    room: Room | None, equipment_ids: list[int], start: datetime.datetime, end: datetime.datetime
) -> QuerySet:
    scope = Q(room__isnull=True, equipment__isnull=True)
    if room is not None:
        scope |= Q(room=room)
    if equipment_ids:
        scope |= Q(equipment_id__in=equipment_ids)
    return _overlapping(Blackout.objects.filter(scope), start, end)


def peak_in_use(
    equipment: Equipment, start: datetime.datetime, end: datetime.datetime, exclude_booking_id: int | None = None
) -> int:
    """The most units of an equipment item lent by approved bookings at any moment between start and end."""
    items = BookingItem.objects.filter(equipment=equipment, booking__state=Booking.State.APPROVED).exclude(
        booking_id=exclude_booking_id
    )
    dates = list(
        Occurrence.objects.filter(
            state=Occurrence.State.APPROVED, start__lt=end, end__gt=start, booking_id__in=items.values("booking_id")
        ).values_list("start", "end", "booking_id")
    )
    quantity_of = dict(items.filter(booking_id__in={b for _s, _e, b in dates}).values_list("booking_id", "quantity"))
    rows = [(begin, finish, quantity_of[booking_id]) for begin, finish, booking_id in dates]
    changes = []
    for begin, finish, quantity in rows:
        changes.append((max(begin, start), quantity))
        changes.append((min(finish, end), -quantity))
    peak = level = 0
    for _moment, delta in sorted(changes, key=lambda change: (change[0], change[1])):
        level += delta
        peak = max(peak, level)
    return peak


def conflicts_for(
    room: Room | None,
    quantities: dict[Equipment, int],
    spans: list[tuple[datetime.datetime, datetime.datetime]],
    exclude_booking_id: int | None = None,
) -> list[Conflict]:
    """Every date of `spans` that cannot be booked: a blackout, the room taken, not enough equipment free."""
    conflicts = []
    for start, end in spans:
        day = start.astimezone(BERLIN).date()
        when = span_text(start, end)
        blackout = _blackouts(room, [e.pk for e in quantities], start, end).first()
        if blackout is not None:
            conflicts.append(
                Conflict(
                    day,
                    _("%(when)s: blackout period (%(reason)s, %(span)s).")
                    % {"when": when, "reason": blackout.reason, "span": span_text(blackout.start, blackout.end)},
                )
            )
            continue
        if room is not None:
            taken = (
                _overlapping(room.occurrences.filter(state=Occurrence.State.APPROVED), start, end)
                .exclude(booking_id=exclude_booking_id)
                .first()
            )
            if taken is not None:
                conflicts.append(
                    Conflict(
                        day,
                        _("%(when)s: “%(room)s” is already booked (%(span)s).")
                        % {"when": when, "room": room.name, "span": span_text(taken.start, taken.end)},
                    )
                )
                continue
        for equipment, quantity in quantities.items():
            free = equipment.stock - peak_in_use(equipment, start, end, exclude_booking_id)
            if quantity > free:
                conflicts.append(
                    Conflict(
                        day,
                        _("%(when)s: only %(free)s of “%(name)s” free, you asked for %(quantity)s.")
                        % {"when": when, "free": max(free, 0), "name": equipment.name, "quantity": quantity},
                    )
                )
                break
    return conflicts


def _lock(room: Room | None, equipment_ids: list[int]) -> tuple[Room | None, dict[int, Equipment]]:
    """Lock the room row and the equipment rows, always in the same order (room first, equipment by id)."""
    locked_room = Room.objects.select_for_update().get(pk=room.pk) if room is not None else None
    locked = {e.pk: e for e in Equipment.objects.select_for_update().filter(pk__in=equipment_ids).order_by("pk")}
    return locked_room, locked


# --- requests ----------------------------------------------------------------------------------------


def request_booking(
    user: User,
    *,
    room: Room | None,
    quantities: dict[Equipment, int],
    start: datetime.datetime,
    end: datetime.datetime,
    purpose: str,
    expected_people: int,
    accessibility_needs: str = "",
    organisation: str = "",
    repeat: str = "",
    repeat_until: datetime.date | None = None,
    leave_out: set[datetime.date] | frozenset = frozenset(),
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> Booking:
    """A request for a room and/or equipment, checked by BookingRequestForm. Every date that cannot be booked is
    named (ConflictError); the request is saved once the person leaves those dates out."""
    require(user, "office.request_booking")
    now = now or timezone.now()
    quantities = {equipment: quantity for equipment, quantity in quantities.items() if quantity}
    if room is None and not quantities:
        raise ValidationError({"room": _("Please choose a room or at least one piece of equipment.")})
    if room is not None and expected_people > room.capacity:
        raise ValidationError(
            {"expected_people": _("“%(room)s” has %(places)s places.") % {"room": room.name, "places": room.capacity}}
        )
    if start < now:
        raise ValidationError({"start": _("The start lies in the past.")})
    spans = [
        span for span in series(start, end, repeat, repeat_until) if span[0].astimezone(BERLIN).date() not in leave_out
    ]
    if not spans:
        raise ValidationError(_("All dates are left out; there is nothing to book."))
    with transaction.atomic():
        room, locked = _lock(room, [e.pk for e in quantities])
        quantities = {locked[e.pk]: quantity for e, quantity in quantities.items()}
        conflicts = conflicts_for(room, quantities, spans)
        if conflicts:
            raise ConflictError(conflicts)
        booking = Booking.objects.create(
            booker=user,
            organisation=organisation,
            room=room,
            purpose=purpose,
            expected_people=expected_people,
            accessibility_needs=accessibility_needs,
            repeat=repeat,
            repeat_until=repeat_until if repeat else None,
        )
        BookingItem.objects.bulk_create(
            [BookingItem(booking=booking, equipment=e, quantity=q) for e, q in quantities.items()]
        )
        Occurrence.objects.bulk_create([Occurrence(booking=booking, room=room, start=s, end=e) for s, e in spans])
        audit.record(
            user,
            "booking.request",
            booking,
            {
                "room": [None, str(room) if room else None],
                "equipment": [None, ", ".join(f"{q} × {e.name}" for e, q in quantities.items())],
                "dates": [None, len(spans)],
                "left_out": [None, ", ".join(sorted(d.strftime("%d.%m.%Y") for d in leave_out)) or None],
            },
        )
        _mail_after_commit(booking.pk, "requested", base_url)
    return booking


def _mail_after_commit(booking_id: int, kind: str, base_url: str) -> None:
    transaction.on_commit(lambda: send_booking_mail.enqueue(booking_id, kind, base_url))


def _locked_booking(booking: Booking) -> Booking:
    return Booking.objects.select_for_update(of=("self",)).select_related("room").get(pk=booking.pk)


def approve_booking(user: User, booking: Booking, base_url: str = "", now: datetime.datetime | None = None) -> Booking:
    """Approve a request: every open date must still be free (the room, enough equipment, no blackout)."""
    require(user, "office.manage_bookings")
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked_booking(booking)
        if booking.state != Booking.State.REQUESTED:
            raise ValidationError(_("This request has already been decided or cancelled."))
        items = list(booking.items.select_related("equipment"))
        room, locked = _lock(booking.room, [item.equipment_id for item in items])
        quantities = {locked[item.equipment_id]: item.quantity for item in items}
        dates = list(booking.occurrences.filter(state=Occurrence.State.REQUESTED))
        conflicts = conflicts_for(room, quantities, [(o.start, o.end) for o in dates], exclude_booking_id=booking.pk)
        if conflicts:
            raise ConflictError(
                [Conflict(c.date, _("Cannot be approved: %(why)s") % {"why": c.message}) for c in conflicts]
            )
        try:
            with transaction.atomic():  # the exclusion constraint's last word on PostgreSQL
                booking.occurrences.filter(state=Occurrence.State.REQUESTED).update(state=Occurrence.State.APPROVED)
        except IntegrityError as error:
            raise ValidationError(
                _("Cannot be approved: “%(room)s” is already booked at one of these dates.")
                % {"room": room.name if room else ""}
            ) from error
        booking.state, booking.decided_by, booking.decided_at = Booking.State.APPROVED, user, now
        booking.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
        audit.record(user, "booking.approve", booking, {"state": ["requested", "approved"]})
        _mail_after_commit(booking.pk, "approved", base_url)
    return booking


def decline_booking(
    user: User, booking: Booking, reason: str, base_url: str = "", now: datetime.datetime | None = None
) -> Booking:
    require(user, "office.manage_bookings")
    with transaction.atomic():
        booking = _locked_booking(booking)
        if booking.state != Booking.State.REQUESTED:
            raise ValidationError(_("This request has already been decided or cancelled."))
        booking.state, booking.decision_reason = Booking.State.DECLINED, reason
        booking.decided_by, booking.decided_at = user, now or timezone.now()
        booking.save(update_fields=["state", "decision_reason", "decided_by", "decided_at", "updated_at"])
        booking.occurrences.filter(state__in=OPEN_STATES).update(state=Occurrence.State.DECLINED)
        audit.record(user, "booking.decline", booking, {"state": ["requested", "declined"], "reason": [None, reason]})
        _mail_after_commit(booking.pk, "declined", base_url)
    return booking


def cancel_booking(user: User, booking: Booking, base_url: str = "", now: datetime.datetime | None = None) -> Booking:
    """The booker (or the office) cancels: every date still to come is free at once."""
    require(user, "office.cancel_booking", booking)
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked_booking(booking)
        if not booking.is_open:
            raise ValidationError(_("This booking is no longer open."))
        was = booking.state
        booking.state, booking.cancelled_at = Booking.State.CANCELLED, now
        booking.save(update_fields=["state", "cancelled_at", "updated_at"])
        booking.occurrences.filter(state__in=OPEN_STATES, end__gt=now).update(state=Occurrence.State.CANCELLED)
        audit.record(user, "booking.cancel", booking, {"state": [was, "cancelled"]})
        _mail_after_commit(booking.pk, "cancelled", base_url)
    return booking


# --- hand-over and return ----------------------------------------------------------------------------


def _lent_occurrence(occurrence: Occurrence) -> Occurrence:
    occurrence = Occurrence.objects.select_for_update().select_related("booking").get(pk=occurrence.pk)
    if occurrence.state != Occurrence.State.APPROVED or not occurrence.booking.items.exists():
        raise ValidationError(_("No equipment is lent on this date."))
    return occurrence


def record_handover(user: User, occurrence: Occurrence, now: datetime.datetime | None = None) -> Occurrence:
    require(user, "office.manage_bookings")
    with transaction.atomic():
        occurrence = _lent_occurrence(occurrence)
        if occurrence.handed_over_at:
            raise ValidationError(_("The hand-over is already recorded."))
        occurrence.handed_over_at = now or timezone.now()
        occurrence.save(update_fields=["handed_over_at"])
        audit.record(user, "booking.handover", occurrence.booking, {"handed_over": [None, str(occurrence)]})
    return occurrence


def record_return(user: User, occurrence: Occurrence, now: datetime.datetime | None = None) -> Occurrence:
    require(user, "office.manage_bookings")
    with transaction.atomic():
        occurrence = _lent_occurrence(occurrence)
        if not occurrence.handed_over_at:
            raise ValidationError(_("The equipment has not been handed over yet."))
        if occurrence.returned_at:
            raise ValidationError(_("The return is already recorded."))
        occurrence.returned_at = now or timezone.now()
        occurrence.save(update_fields=["returned_at"])
        audit.record(user, "booking.return", occurrence.booking, {"returned": [None, str(occurrence)]})
    return occurrence


def late_returns(now: datetime.datetime | None = None) -> QuerySet[Occurrence]:
    """Equipment handed over and not back after the end of its date."""
    return Occurrence.objects.filter(
        state=Occurrence.State.APPROVED,
        handed_over_at__isnull=False,
        returned_at__isnull=True,
        end__lt=now or timezone.now(),
    )


def remind_late_returns(base_url: str = "", now: datetime.datetime | None = None) -> int:
    """Mail each booker with equipment overdue (once a day at most); run daily by `office_daily`."""
    now = now or timezone.now()
    due = late_returns(now).filter(
        Q(return_reminded_at__isnull=True) | Q(return_reminded_at__lt=now - datetime.timedelta(hours=20))
    )
    count = 0
    with transaction.atomic():
        for occurrence in due.select_for_update():
            occurrence.return_reminded_at = now
            occurrence.save(update_fields=["return_reminded_at"])
            audit.record(None, "booking.return_reminder", occurrence.booking, {"reminded": [None, str(occurrence)]})
            _mail_after_commit(occurrence.booking_id, "late_return", base_url)
            count += 1
    return count


# --- blackout periods --------------------------------------------------------------------------------


def create_blackout(
    user: User,
    *,
    room: Room | None,
    equipment: Equipment | None,
    start: datetime.datetime,
    end: datetime.datetime,
    reason: str,
    base_url: str = "",
) -> tuple[Blackout, int]:
    """A period without bookings; new requests inside it are refused and the holders of open bookings it touches
    are told by e-mail (the office then decides about them). Returns the blackout and the number told."""
    require(user, "office.manage_bookings")
    with transaction.atomic():
        if room is not None:
            Room.objects.select_for_update().get(pk=room.pk)
        if equipment is not None:
            Equipment.objects.select_for_update().get(pk=equipment.pk)
        blackout = Blackout.objects.create(
            room=room, equipment=equipment, start=start, end=end, reason=reason, created_by=user
        )
        affected = _overlapping(Occurrence.objects.filter(state__in=OPEN_STATES), start, end)
        if room is not None:
            affected = affected.filter(room=room)
        elif equipment is not None:
            affected = affected.filter(booking__items__equipment=equipment)
        booking_ids = sorted(set(affected.values_list("booking_id", flat=True)))
        audit.record(
            user,
            "booking.blackout",
            blackout,
            {"reason": [None, reason], "span": [None, span_text(start, end)], "affected": [None, len(booking_ids)]},
        )
        for booking_id in booking_ids:
            _mail_after_commit(booking_id, "blackout", base_url)
    return blackout, len(booking_ids)


def delete_blackout(user: User, blackout: Blackout) -> None:
    require(user, "office.manage_bookings")
    with transaction.atomic():
        audit.record(user, "booking.blackout_delete", blackout, {"reason": [blackout.reason, None]})
        blackout.delete()
