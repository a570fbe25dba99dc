"""Writing to the audit log. Services call `record` inside their transaction."""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditEntry


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The plain values of an instance's concrete fields, for before/after comparison."""
    names = fields or [f.name for f in instance._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]
    return {name: _plain(getattr(instance, name)) for name in names}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record(actor, action: str, obj: models.Model, changes: dict | None = None) -> AuditEntry:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
    )


def history(obj: models.Model):
    """The audit entries of one object, newest first, with their actors."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=str(obj.pk)
    ).select_related("actor")
