"""The catalogue's master data: rooms, equipment and the photos of rooms (re-encoded without metadata).

The coordination office keeps it itself (staff pages under /verwaltung/raeume/katalog/). Edits are versioned
(core.versioning: a stale save is refused); a room or an equipment item with bookings is deactivated, never
deleted (its bookings keep it); the stock of an equipment item cannot drop below what approved bookings need at
any moment still to come (checked with the equipment row locked, as approvals lock it)."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.images import readable_format, without_metadata
from stadtdialog.core.rules import require
from stadtdialog.core.text import german_slug
from stadtdialog.core.versioning import check_version
from stadtdialog.organisation.points import point_error

from ..models import Booking, BookingItem, Equipment, Occurrence, Room, RoomPhoto

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

ROOM_FIELDS = [f.name for f in Room._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]
EQUIPMENT_FIELDS = [f.name for f in Equipment._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]
PHOTO_TYPES = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def _unique_slug(model: type[Room | Equipment], name: str) -> str:
    base = (german_slug(name) or "eintrag")[:70]
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_point(room: Room) -> None:
    if message := point_error(room.latitude, room.longitude):
        raise ValidationError({"latitude": message})


def create_room(user: User, **fields: object) -> Room:
    require(user, "office.manage_bookings")
    room = Room(**{name: value for name, value in fields.items() if name in ROOM_FIELDS})
    if not room.slug:
        room.slug = _unique_slug(Room, room.name)
    _check_point(room)
    room.full_clean()
    with transaction.atomic():
        room.save()
        audit.record(user, "room.create", room, audit.diff({}, audit.snapshot(room, ROOM_FIELDS)))
    return room


def create_equipment(user: User, **fields: object) -> Equipment:
    require(user, "office.manage_bookings")
    equipment = Equipment(**{name: value for name, value in fields.items() if name in EQUIPMENT_FIELDS})
    if not equipment.slug:
        equipment.slug = _unique_slug(Equipment, equipment.name)
    equipment.full_clean()
    with transaction.atomic():
        equipment.save()
        audit.record(user, "equipment.create", equipment, audit.diff({}, audit.snapshot(equipment, EQUIPMENT_FIELDS)))
    return equipment


def add_room_photo(user: User, room: Room, *, image: File, alt_text: str) -> RoomPhoto:
    """A photo of a room: PNG, JPEG or WebP, re-encoded upright without its metadata (core.images)."""
    require(user, "office.manage_bookings")
    kind = readable_format(image)
    if kind not in PHOTO_TYPES:
        raise ValidationError({"image": _("Only PNG, JPEG or WebP images are allowed.")})
    stored = without_metadata(image, f"{secrets.token_hex(8)}.{PHOTO_TYPES[kind]}")
    with transaction.atomic():
        photo = RoomPhoto.objects.create(room=room, image=stored, alt_text=alt_text)
        audit.record(user, "room.photo_add", room, {"photo": [None, alt_text]})
    return photo


def remove_room_photo(user: User, room: Room, photo: RoomPhoto) -> None:
    require(user, "office.manage_bookings")
    if photo.room_id != room.pk:
        raise ValidationError(_("This photo belongs to another room."))
    with transaction.atomic():
        audit.record(user, "room.photo_remove", room, {"photo": [photo.alt_text, None]})
        image = photo.image
        photo.delete()
        transaction.on_commit(lambda: image.delete(save=False))


# --- editing -----------------------------------------------------------------------------------------

KEPT = {"slug", "position"}  # kept as they are by the edit forms (the address of the public page stays)


def _apply(obj: Room | Equipment, allowed: list[str], fields: dict) -> None:
    for name, value in fields.items():
        if name in allowed and name not in KEPT:
            setattr(obj, name, value)


def update_room(user: User, room: Room, *, version: str = "", **fields: object) -> Room:
    """Save the room's edit form; a stale form raises StaleEdit (core.versioning). An unchanged save writes
    nothing."""
    require(user, "office.manage_bookings")
    with transaction.atomic():
        check_version(room, version)  # locks the row and reads it again
        before = audit.snapshot(room, ROOM_FIELDS)
        _apply(room, ROOM_FIELDS, fields)
        _check_point(room)
        room.full_clean()
        changes = audit.diff(before, audit.snapshot(room, ROOM_FIELDS))
        if not changes:
            return room
        room.save()
        audit.record(user, "room.update", room, changes)
    return room


def stock_shortage(
    equipment: Equipment, stock: int, now: datetime.datetime | None = None
) -> tuple[datetime.datetime, int] | None:
    """The first moment still to come at which approved bookings need more than `stock` units of the equipment,
    with the number needed then; None when `stock` is enough at every moment. Reads every approved future date
    of the item once (call it with the equipment row locked)."""
    now = now or timezone.now()
    quantity_of = dict(
        BookingItem.objects.filter(equipment=equipment, booking__state=Booking.State.APPROVED).values_list(
            "booking_id", "quantity"
        )
    )
    if not quantity_of:
        return None
    dates = Occurrence.objects.filter(
        state=Occurrence.State.APPROVED, end__gt=now, booking_id__in=list(quantity_of)
    ).values_list("start", "end", "booking_id")
    changes = []
    for start, end, booking_id in dates:
        changes.append((max(start, now), quantity_of[booking_id]))
        changes.append((end, -quantity_of[booking_id]))
    level = 0
    for moment, delta in sorted(changes, key=lambda change: (change[0], change[1])):
        level += delta
        if level > stock:
            return moment, level
    return None


def update_equipment(
    user: User, equipment: Equipment, *, version: str = "", now: datetime.datetime | None = None, **fields: object
) -> Equipment:
    """Save the equipment's edit form; a stale form raises StaleEdit. A lower stock is refused when approved
    bookings need more at some moment still to come (the message names it)."""
    require(user, "office.manage_bookings")
    with transaction.atomic():
        check_version(equipment, version)  # locks the row: approvals of this item wait, and wait for us
        before = audit.snapshot(equipment, EQUIPMENT_FIELDS)
        old_stock = equipment.stock
        _apply(equipment, EQUIPMENT_FIELDS, fields)
        equipment.full_clean()
        if equipment.stock < old_stock:
            shortage = stock_shortage(equipment, equipment.stock, now)
            if shortage is not None:
                moment, needed = shortage
                raise ValidationError(
                    {
                        "stock": _(
                            "Approved bookings need %(needed)s of them on %(date)s; the number available "
                            "cannot be lower than that."
                        )
                        % {"needed": needed, "date": date_format(timezone.localtime(moment), "l, j.n.Y, H:i")}
                    }
                )
        changes = audit.diff(before, audit.snapshot(equipment, EQUIPMENT_FIELDS))
        if not changes:
            return equipment
        equipment.save()
        audit.record(user, "equipment.update", equipment, changes)
    return equipment


# --- removing ------------------------------------------------------------------------------------------


def remove_room(user: User, room: Room) -> bool:
    """Delete a room that was never booked; a room with bookings is deactivated (no longer bookable, its bookings
    keep it). True when it was deleted."""
    require(user, "office.manage_bookings")
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        if room.bookings.exists() or room.occurrences.exists():
            if room.is_active:
                room.is_active = False
                room.save(update_fields=["is_active", "updated_at"])
                audit.record(user, "room.deactivate", room, {"is_active": [True, False]})
            return False
        audit.record(user, "room.delete", room, {"name": [room.name, None]})
        images = [photo.image for photo in room.photos.all()]
        room.delete()
        transaction.on_commit(lambda: [image.delete(save=False) for image in images])
    return True


def remove_equipment(user: User, equipment: Equipment) -> bool:
    """Delete an equipment item that was never booked; one with bookings is deactivated. True when deleted."""
    require(user, "office.manage_bookings")
    with transaction.atomic():
        equipment = Equipment.objects.select_for_update().get(pk=equipment.pk)
        if equipment.booking_items.exists():
            if equipment.is_active:
                equipment.is_active = False
                equipment.save(update_fields=["is_active", "updated_at"])
                audit.record(user, "equipment.deactivate", equipment, {"is_active": [True, False]})
            return False
        audit.record(user, "equipment.delete", equipment, {"name": [equipment.name, None]})
        equipment.delete()
    return True
