"""Writing to the audit log and reading it for people. Services call `record` inside their transaction.

Each app gives its action codes German labels with `register_actions` and says with `register_history` who
may see the history of its objects (the permission of their staff pages); `label_of`, `may_see_history` and
`shown_changes` serve the generic history page, the site-wide log and its CSV (core/views_staff.py).

`mentioning` and `scrub` take a person out of the log when their account is deleted: the entries stay
(so the history of each object stays readable), the person's name and e-mail address in them become
a placeholder.
"""

import datetime
import decimal
import html
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

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


# -- what the codes mean: labels of the actions ------------------------------------------------------

_ACTION_LABELS: dict[str, object] = {}


def register_actions(labels: Mapping[str, object]) -> None:
    """Give action codes their label (a lazy translation): ``register_actions({"plan.create": _("Plan created")})``.

    Each app registers its own codes in ``<app>/audit_actions.py``, imported by its AppConfig.ready();
    tests/core/test_audit_labels.py fails for a code passed to `record` that has no label.
    """
    _ACTION_LABELS.update(labels)


def registered_actions() -> dict[str, object]:
    return dict(_ACTION_LABELS)


def label_of(code: str) -> str:
    """The label of an action code; for a code without one (an old entry) a readable form of the code."""
    label = _ACTION_LABELS.get(code)
    if label is not None:
        return str(label)
    words = re.sub(r"[._]+", " ", code or "").strip()
    return words[:1].upper() + words[1:]


# -- whose history: the permission that guards an object's staff pages -----------------------------------


@dataclass(frozen=True)
class HistoryOf:
    """How the history of one model is shown: who may see it, the staff page it belongs to, its field labels."""

    model: type[models.Model]
    permissions: tuple[str, ...]
    via: Callable[[models.Model], models.Model] | None = None
    url: Callable[[models.Model], str] | None = None
    labels: Mapping[str, object] | Callable[[], Mapping[str, object]] | None = None

    def guarded_object(self, obj: models.Model) -> models.Model:
        return self.via(obj) if self.via else obj

    def field_labels(self) -> Mapping[str, object]:
        labels = self.labels() if callable(self.labels) else self.labels
        return labels or {}


_HISTORIES: dict[type[models.Model], HistoryOf] = {}

# Who may see the history of any object (and the site-wide log): registered in accounts.rules (the admins).
VIEW_ANY_HISTORY = "core.view_any_history"


def register_history(
    model: type[models.Model],
    permission: str | tuple[str, ...],
    *,
    via: Callable[[models.Model], models.Model] | None = None,
    url: Callable[[models.Model], str] | None = None,
    labels: Mapping[str, object] | Callable[[], Mapping[str, object]] | None = None,
) -> None:
    """Who may see the history of `model`'s objects: the permission (or any of several) that guards its staff
    pages, checked with the object or with ``via(obj)`` (e.g. a milestone's process). ``url(obj)`` is the staff
    page to go back to; ``labels`` names fields that are not the model's own (or a function returning them).
    A model without a registration has a history only the admins see."""
    permissions = (permission,) if isinstance(permission, str) else tuple(permission)
    _HISTORIES[model] = HistoryOf(model, permissions, via, url, labels)


def history_registration(model: type[models.Model]) -> HistoryOf | None:
    return _HISTORIES.get(model._meta.concrete_model)


def may_see_history(user, obj: models.Model | None, model: type[models.Model] | None = None) -> bool:
    """The admins see every history; others the history of a registered model's object they may edit.
    `obj` is None for an object that no longer exists: then only the admins."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_perm(VIEW_ANY_HISTORY):
        return True
    registration = history_registration(model or type(obj))
    if registration is None or obj is None:
        return False
    guarded = registration.guarded_object(obj)
    return any(user.has_perm(permission, guarded) for permission in registration.permissions)


def history_url(obj: models.Model) -> str:
    return reverse("core:history", args=[model_key(type(obj)), obj.pk])


def model_key(model: type[models.Model]) -> str:
    """``app_label.model_name``, the model's part of a history address."""
    meta = model._meta.concrete_model._meta
    return f"{meta.app_label}.{meta.model_name}"


# -- changes for people: field labels, choices, short plain values ---------------------------------------

SHORTEN_TO = 200


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model: type[models.Model] | None, name: str, labels: Mapping[str, object] | None = None) -> str:
    """The German name of a field in `changes`: a registered label, the model field's verbose_name, the name."""
    if labels and name in labels:
        return str(labels[name])
    field = _field(model, name)
    verbose = getattr(field, "verbose_name", None)
    if verbose:
        text = str(verbose)
        return text[:1].upper() + text[1:]
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def shown_value(value, field=None) -> str:
    """One value of a change as short plain text: choices by their label, dates in German, no HTML."""
    return Truncator(" ".join(_text(value, field).split())).chars(SHORTEN_TO)


def _text(value, field) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return "; ".join(_text(item, field) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_text(item, None)}" for key, item in value.items())
    choices = getattr(field, "flatchoices", None)
    if choices:
        for key, label in choices:
            if str(key) == str(value):
                return str(label)
    text = str(value)
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(text)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "SHORT_DATETIME_FORMAT")
    elif isinstance(field, models.DateField):
        day = parse_date(text)
        if day is not None:
            return date_format(day, "SHORT_DATE_FORMAT")
    if "<" in text or "&" in text:
        text = html.unescape(strip_tags(text))
    return text


def shown_changes(entry: AuditEntry, model: type[models.Model] | None = None) -> list[dict]:
    """The changes of an entry for a history: [{"field", "old", "new"}]; "old" is None for a plain value."""
    if model is None:
        model = entry.content_type.model_class()
    registration = history_registration(model) if model is not None else None
    labels = registration.field_labels() if registration else {}
    rows = []
    for name, values in (entry.changes or {}).items():
        field = _field(model, name)
        label = field_label(model, name, labels)
        if isinstance(values, list) and len(values) == 2:
            rows.append({"field": label, "old": shown_value(values[0], field), "new": shown_value(values[1], field)})
        else:
            rows.append({"field": label, "old": None, "new": shown_value(values, field)})
    return rows


def changes_as_text(rows: list[dict]) -> str:
    """The shown changes in one line, for the CSV export."""
    return "; ".join(
        f"{row['field']}: {row['new']}" if row["old"] is None else f"{row['field']}: {row['old']} → {row['new']}"
        for row in rows
    )


# -- the site-wide log -------------------------------------------------------------------------------


def areas() -> list[tuple[str, str]]:
    """The apps of the project as areas of the log: (app label, name), by name."""
    from django.apps import apps

    found = [(config.label, str(config.verbose_name)) for config in apps.get_app_configs()]
    return sorted(((label, name) for label, name in found if _is_project_app(label)), key=lambda item: item[1])


def _is_project_app(label: str) -> bool:
    from django.apps import apps

    return apps.get_app_config(label).name.startswith("stadtdialog.")


def action_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in _ACTION_LABELS.items()), key=lambda item: item[1])


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def log_entries(
    *,
    person: str = "",
    area: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> "models.QuerySet[AuditEntry]":
    """The entries of the site-wide log, newest first, filtered by the actor (name or e-mail, found in the
    accounts first), the area (the app of the object), the action and the period (whole days, local time).
    Each filter uses an index of AuditEntry (actor, action and content type with created_at)."""
    from django.contrib.auth import get_user_model

    entries = AuditEntry.objects.select_related("actor", "content_type")
    person = (person or "").strip()
    if person:
        User = get_user_model()
        matching = User.objects.filter(
            models.Q(full_name__icontains=person)
            | models.Q(display_name__icontains=person)
            | models.Q(email__icontains=person)
            | models.Q(office_email__icontains=person)
        )
        entries = entries.filter(actor__in=matching.values("pk"))
    if area:
        entries = entries.filter(content_type__in=ContentType.objects.filter(app_label=area).values("pk"))
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(created_at__gte=_day_start(date_from))
    if date_to:
        entries = entries.filter(created_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    return entries.order_by("-created_at", "-id")
