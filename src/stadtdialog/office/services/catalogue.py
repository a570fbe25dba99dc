"""The catalogue's master data: rooms, equipment and the photos of rooms (re-encoded without metadata)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.images import readable_format, without_metadata
from stadtdialog.core.rules import require

from ..models import Equipment, Room, RoomPhoto

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

ROOM_FIELDS = [f.name for f in Room._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]
EQUIPMENT_FIELDS = [f.name for f in Equipment._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]
PHOTO_TYPES = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def create_room(user: User, **fields: object) -> Room:
    require(user, "office.manage_bookings")
    room = Room(**{name: value for name, value in fields.items() if name in ROOM_FIELDS})
    room.full_clean()
    with transaction.atomic():
        room.save()
        audit.record(user, "room.create", room, audit.diff({}, audit.snapshot(room, ROOM_FIELDS)))
    return room


def create_equipment(user: User, **fields: object) -> Equipment:
    require(user, "office.manage_bookings")
    equipment = Equipment(**{name: value for name, value in fields.items() if name in EQUIPMENT_FIELDS})
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
