"""Writing to the audit log. Services call `record` inside their transaction.

`mentioning` and `scrub` take a person out of the log when their account is deleted: the entries stay
(so the history of each object stays readable), the person's name and e-mail address in them become
a placeholder.
"""

import datetime
import decimal
import json
import re
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast

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
    names = fields or [
        f.name for f in instance._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}
    ]
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


# -- taking a person out of the log ------------------------------------------------------------------


def mentioning(texts: Iterable[str]) -> "models.QuerySet[AuditEntry]":
    """Entries whose changes or object_repr contain one of the texts, case-insensitively, found by the
    database (no scan in Python). A superset: `scrub` decides what is replaced."""
    condition = models.Q()
    for text in filter(None, texts):
        condition |= models.Q(object_repr__icontains=text)
        # PostgreSQL renders jsonb as text with non-ASCII characters as they are; SQLite stores the JSON
        # with \u escapes (json.dumps' default). Look for both spellings.
        for spelling in {json.dumps(text, ensure_ascii=False)[1:-1], json.dumps(text)[1:-1]}:
            condition |= models.Q(changes_text__icontains=spelling)
    if not condition:
        return AuditEntry.objects.none()
    return AuditEntry.objects.annotate(changes_text=Cast("changes", models.TextField())).filter(condition)


def _replace(value, pattern: re.Pattern, replacement: str):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_replace(item, pattern, replacement) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, pattern, replacement) for key, item in value.items()}
    return value


def scrub(entries, replacement: str, *, names: Iterable[str] = (), emails: Iterable[str] = ()) -> int:
    """Replace names (as whole words) and e-mail addresses (anywhere), ignoring case, in the changes and
    object_repr of the given entries; the number of entries changed. Only the entries of the queryset
    are read, in chunks, and written back in batches."""
    alternatives = [
        rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(set(filter(None, names)), key=len, reverse=True)
    ]
    alternatives += [re.escape(email) for email in sorted(set(filter(None, emails)), key=len, reverse=True)]
    if not alternatives:
        return 0
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    changed = []
    for entry in entries.only("pk", "changes", "object_repr").order_by().iterator(chunk_size=500):
        changes = _replace(entry.changes, pattern, replacement)
        object_repr = pattern.sub(replacement, entry.object_repr)[:300]
        if changes != entry.changes or object_repr != entry.object_repr:
            entry.changes, entry.object_repr = changes, object_repr
            changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["changes", "object_repr"], batch_size=500)
    return len(changed)
