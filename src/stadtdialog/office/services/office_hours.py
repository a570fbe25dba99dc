"""Office hours: the weekly pattern with its exceptions, the slots made from it, and bookings without an account
(confirmed by the link in an e-mail, cancelled by the same link, reminded the day before, personal data removed
30 days after the slot).

A slot is never given twice: the booking locks the slot row and reads its bookings again, and the partial unique
constraint `office_slot_given_once` allows one pending or confirmed booking per slot in the database."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from stadtdialog.accounts.rules import district_ids_of, is_city_wide_staff
from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version

from ..models import OfficeHour, OfficeHourException, Slot, SlotBooking, hash_token, new_seed
from ..tasks import send_slot_mail

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
WEEKS_AHEAD = 8
CONFIRM_WITHIN = datetime.timedelta(hours=2)  # an unconfirmed booking holds the slot this long
PURGE_AFTER_DAYS = 30
TOKEN_SALT = "stadtdialog.office.slot-booking"
OFFICE_HOUR_FIELDS = [
    "title",
    "district",
    "weekday",
    "start_time",
    "end_time",
    "slot_minutes",
    "mode",
    "place",
    "valid_from",
    "valid_until",
    "is_active",
]


def link_token(booking: SlotBooking) -> str:
    """The secret of the booking's link: an HMAC of its seed with SECRET_KEY (not stored; its hash is)."""
    return salted_hmac(TOKEN_SALT, booking.seed, algorithm="sha256").hexdigest()[:40]


def booking_for_token(token: str) -> SlotBooking | None:
    if not token or len(token) > 100:
        return None
    return (
        SlotBooking.objects.select_related("slot", "slot__office_hour", "slot__office_hour__district")
        .filter(token_hash=hash_token(token))
        .first()
    )


# --- the pattern and its slots -----------------------------------------------------------------------


def _check_district(user: User, office_hour: OfficeHour) -> None:
    if is_city_wide_staff(user):
        return
    ids = district_ids_of(user)
    if office_hour.district_id is None or office_hour.district_id not in ids:
        raise ValidationError({"district": _("Please choose the district you manage.")})


def slot_starts(office_hour: OfficeHour, first: datetime.date, last: datetime.date) -> list[datetime.datetime]:
    """The starts of the slots of an office hour between two days (both included), without its exceptions."""
    first = max(first, office_hour.valid_from)
    if office_hour.valid_until:
        last = min(last, office_hour.valid_until)
    skipped = set(office_hour.exceptions.values_list("date", flat=True))
    length = datetime.timedelta(minutes=office_hour.slot_minutes)
    starts, day = [], first + datetime.timedelta(days=(office_hour.weekday - first.weekday()) % 7)
    while day <= last:
        if day not in skipped:
            moment = datetime.datetime.combine(day, office_hour.start_time, tzinfo=BERLIN)
            close = datetime.datetime.combine(day, office_hour.end_time, tzinfo=BERLIN)
            while moment + length <= close:
                starts.append(moment)
                moment += length
        day += datetime.timedelta(days=7)
    return starts


def make_slots(office_hour: OfficeHour, today: datetime.date | None = None, weeks: int = WEEKS_AHEAD) -> int:
    """Create the missing slots of the coming weeks (idempotent); returns how many were made."""
    if not office_hour.is_active:
        return 0
    today = today or timezone.localdate()
    length = datetime.timedelta(minutes=office_hour.slot_minutes)
    existing = set(office_hour.slots.filter(start__date__gte=today).values_list("start", flat=True))
    new = [
        Slot(office_hour=office_hour, start=start, end=start + length)
        for start in slot_starts(office_hour, today, today + datetime.timedelta(weeks=weeks))
        if start not in existing
    ]
    Slot.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def create_office_hour(user: User, data: dict, today: datetime.date | None = None) -> OfficeHour:
    """Publish an office hour (fields as OfficeHourForm cleaned them); held by the user."""
    require(user, "office.add_office_hour")
    office_hour = OfficeHour(host=user, **{name: data[name] for name in OFFICE_HOUR_FIELDS if name in data})
    _check_district(user, office_hour)
    with transaction.atomic():
        office_hour.save()
        make_slots(office_hour, today)
        audit.record(
            user, "office_hour.create", office_hour, audit.diff({}, audit.snapshot(office_hour, OFFICE_HOUR_FIELDS))
        )
    return office_hour


def _cancel_slots(slots: QuerySet[Slot], base_url: str) -> int:
    """Cancel slots (inside a transaction) and tell the people who had booked them."""
    told = 0
    for slot in slots.select_for_update():
        slot.is_cancelled = True
        slot.save(update_fields=["is_cancelled"])
        for booking in slot.bookings.filter(state__in=SlotBooking.ACTIVE):
            booking.state, booking.cancelled_at = SlotBooking.State.CANCELLED, timezone.now()
            booking.save(update_fields=["state", "cancelled_at", "updated_at"])
            _mail_after_commit(booking.pk, "called_off", base_url)
            told += 1
    return told


def update_office_hour(
    user: User,
    office_hour: OfficeHour,
    data: dict,
    base_url: str = "",
    today: datetime.date | None = None,
    *,
    version: str = "",
) -> OfficeHour:
    """Change an office hour: slots of the coming weeks that no longer fit are called off (their bookers told).
    `version` is the form's token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, "office.change_office_hour", office_hour)
    today = today or timezone.localdate()
    with transaction.atomic():
        check_version(office_hour, version)  # locks and re-reads the row
        before = audit.snapshot(office_hour, OFFICE_HOUR_FIELDS)
        for name in OFFICE_HOUR_FIELDS:
            if name in data:
                setattr(office_hour, name, data[name])
        _check_district(user, office_hour)
        office_hour.save()
        wanted = set(slot_starts(office_hour, today, today + datetime.timedelta(weeks=WEEKS_AHEAD + 1)))
        future = office_hour.slots.filter(start__gte=timezone.now(), is_cancelled=False)
        gone = [slot.pk for slot in future if slot.start not in wanted or not office_hour.is_active]
        _cancel_slots(Slot.objects.filter(pk__in=gone), base_url)
        make_slots(office_hour, today)
        audit.record(
            user, "office_hour.update", office_hour, audit.diff(before, audit.snapshot(office_hour, OFFICE_HOUR_FIELDS))
        )
    return office_hour


def add_exception(user: User, office_hour: OfficeHour, day: datetime.date, reason: str = "", base_url: str = "") -> int:
    """The office hour does not take place on `day`; its slots are called off. Returns the number of people told."""
    require(user, "office.change_office_hour", office_hour)
    with transaction.atomic():
        OfficeHour.objects.select_for_update().get(pk=office_hour.pk)
        _exception, created = OfficeHourException.objects.get_or_create(
            office_hour=office_hour, date=day, defaults={"reason": reason}
        )
        if not created:
            raise ValidationError({"date": _("This day is already left out.")})
        told = _cancel_slots(office_hour.slots.filter(start__date=day, is_cancelled=False), base_url)
        audit.record(
            user, "office_hour.exception", office_hour, {"exception": [None, f"{day:%d.%m.%Y} {reason}".strip()]}
        )
    return told


# --- bookings without an account ---------------------------------------------------------------------


def _mail_after_commit(booking_id: int, kind: str, base_url: str) -> None:
    transaction.on_commit(lambda: send_slot_mail.enqueue(booking_id, kind, base_url))


def _expire_unconfirmed(slot: Slot, now: datetime.datetime) -> None:
    slot.bookings.filter(state=SlotBooking.State.PENDING, created_at__lt=now - CONFIRM_WITHIN).update(
        state=SlotBooking.State.EXPIRED
    )


def book_slot(slot: Slot, data: dict, base_url: str = "", now: datetime.datetime | None = None) -> SlotBooking:
    """Book a slot (`data` as SlotBookingForm cleaned it: name, email, topic, needs). The booking holds the slot
    until it is confirmed by the link in the e-mail (CONFIRM_WITHIN)."""
    now = now or timezone.now()
    taken = _("Sorry, this slot has just been taken. Please choose another one.")
    with transaction.atomic():
        slot = Slot.objects.select_for_update().select_related("office_hour").get(pk=slot.pk)
        if slot.is_cancelled or not slot.office_hour.is_active:
            raise ValidationError(_("This slot has been called off. Please choose another one."))
        if slot.start <= now:
            raise ValidationError(_("This slot lies in the past. Please choose another one."))
        _expire_unconfirmed(slot, now)
        if slot.bookings.filter(state__in=SlotBooking.ACTIVE).exists():
            raise ValidationError(taken)
        booking = SlotBooking(
            slot=slot,
            name=data["name"],
            email=data["email"].lower(),
            topic=data.get("topic", ""),
            needs=data.get("needs", ""),
            seed=new_seed(),
        )
        booking.token_hash = hash_token(link_token(booking))
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as error:
            raise ValidationError(taken) from error
        # The audit log keeps no personal data of the person, only what happened.
        audit.record(
            None, "office_hour.book", slot.office_hour, {"slot": [None, str(slot)], "booking": [None, booking.pk]}
        )
        _mail_after_commit(booking.pk, "confirm", base_url)
    return booking


def confirm_slot_booking(booking: SlotBooking, base_url: str = "", now: datetime.datetime | None = None) -> SlotBooking:
    now = now or timezone.now()
    with transaction.atomic():
        booking = SlotBooking.objects.select_for_update().select_related("slot__office_hour").get(pk=booking.pk)
        if booking.state == SlotBooking.State.CONFIRMED:
            return booking
        if booking.state != SlotBooking.State.PENDING or booking.created_at < now - CONFIRM_WITHIN:
            raise ValidationError(_("This booking can no longer be confirmed. Please book a slot again."))
        booking.state, booking.confirmed_at = SlotBooking.State.CONFIRMED, now
        booking.save(update_fields=["state", "confirmed_at", "updated_at"])
        audit.record(None, "office_hour.confirm", booking.slot.office_hour, {"booking": [None, booking.pk]})
        _mail_after_commit(booking.pk, "confirmed", base_url)
    return booking


def cancel_slot_booking(booking: SlotBooking, base_url: str = "", now: datetime.datetime | None = None) -> SlotBooking:
    now = now or timezone.now()
    with transaction.atomic():
        booking = SlotBooking.objects.select_for_update().select_related("slot__office_hour").get(pk=booking.pk)
        if booking.state not in SlotBooking.ACTIVE:
            raise ValidationError(_("This booking is no longer open."))
        booking.state, booking.cancelled_at = SlotBooking.State.CANCELLED, now
        booking.save(update_fields=["state", "cancelled_at", "updated_at"])
        audit.record(None, "office_hour.cancel", booking.slot.office_hour, {"booking": [booking.pk, None]})
        _mail_after_commit(booking.pk, "cancelled", base_url)
    return booking


def send_reminders(base_url: str = "", now: datetime.datetime | None = None) -> int:
    """Remind everyone with a confirmed slot tomorrow (run daily by `office_daily`)."""
    now = now or timezone.now()
    tomorrow = now.astimezone(BERLIN).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time(0), tzinfo=BERLIN)
    due = SlotBooking.objects.filter(
        state=SlotBooking.State.CONFIRMED,
        reminded_at__isnull=True,
        slot__start__gte=start,
        slot__start__lt=start + datetime.timedelta(days=1),
    )
    count = 0
    with transaction.atomic():
        for booking in due.select_for_update():
            booking.reminded_at = now
            booking.save(update_fields=["reminded_at"])
            _mail_after_commit(booking.pk, "reminder", base_url)
            count += 1
    return count


def purge_slot_bookings(now: datetime.datetime | None = None, days: int = PURGE_AFTER_DAYS) -> int:
    """Remove names, e-mail addresses, topics and needs of bookings whose slot ended `days` ago."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = SlotBooking.objects.filter(slot__end__lt=now - datetime.timedelta(days=days), purged_at__isnull=True)
        return rows.update(name="", email="", topic="", needs="", purged_at=now)


def extend_slots(today: datetime.date | None = None) -> int:
    """Make the slots of the coming weeks for every published office hour (run daily by `office_daily`)."""
    return sum(make_slots(office_hour, today) for office_hour in OfficeHour.objects.filter(is_active=True))
