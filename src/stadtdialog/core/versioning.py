"""No lost update (issue 11, item 1): a staff edit form carries the version of the object it was loaded from,
and the service refuses a save from a stale form instead of silently undoing a colleague's change.

The version is a signed token of one short digest per edited field of the object's values when the form
was loaded (no version column, no migration). The service locks the row in its transaction, reads it again
and compares: a field whose digest differs was changed meanwhile. The refusal (`StaleEdit`, a
ValidationError) names those fields with their current values, in German; `core.forms.run_service` puts it
on the form, which keeps what the user typed and gets the current version, so that a second, deliberate
save goes through.

The parts:

- `VersionedForm`, the base of a staff edit form (`class F(VersionedForm)`, or `class F(VersionedForm,
  forms.ModelForm)`): a hidden field `version`; give the form the object with `version_of=obj` (a ModelForm's
  `instance` is taken by default) and render `{{ form.version }}` inside the <form>. The token covers the
  form's fields that are fields (or attributes) of the object, or the names in `version_fields`, and the
  derived values in `version_extra`. A creation form passes no object (its `version` stays empty).
  `form.version` is the token the browser sent; `cleaned_data` does not contain it.
- `check_version(obj, version, fields=None, extra=None)`, called by the service inside `transaction.atomic()`
  before it writes: locks the row (`select_for_update`), refreshes `obj` in place from the database (so the
  write starts from the current row, not from the caller's copy) and raises `StaleEdit` when a field changed.
  An empty version (a caller without a form: imports, commands, tests of the service) checks nothing but
  still locks and refreshes. `fields` limits the comparison to those names; `extra` is the form's
  `version_extra`.
- `Derived(label, value, shown=None)`: a versioned value that is not one field, e.g. a concept's goals.
- `StaleEdit(ValidationError)`: `.changes` (name, label, current value as text) and `.version` (the current
  token). `core.forms.add_service_errors` (and so `run_service`) shows it on the form.
- `version_token(obj, fields, extra=None)` makes a token (the form does this for you); `lock(obj)` locks and
  refreshes without a check.
- A choice the user may not make keeps its value (issue 11, item 2): `hold_values_out_of_reach(form)`, which
  every VersionedForm of an object (`version_of`) runs after its __init__, disables a choice field whose current
  value is not among the choices offered to the user and offers that value, so that saving unchanged keeps it.

Example (plans):

    class PlanForm(VersionedForm):
        title = SingleLineField(...)
        ...

    # views_staff.py
    form = PlanForm(request.POST or None, user=request.user, initial=plan_initial(plan), version_of=plan)
    if run_service(request, form,
                   lambda: services.update_plan(request.user, plan, version=form.version, **form.service_data()),
                   _("The plan has been saved.")):
        return redirect(...)

    # services.py
    def update_plan(user, plan, *, version="", **changes):
        require(user, "plans.change_plan", plan)
        with transaction.atomic():
            check_version(plan, version)  # locks, re-reads, raises StaleEdit
            ...write...

A value is compared at the level of the model: a foreign key by its id, a many-to-many relation by the sorted
ids, a name that is not a model field by `getattr(obj, name)` (a property, or a method without arguments);
anything else through `Derived`:

    GOALS = Derived(_("Goals"), lambda process: snapshot_goals(process.concept))
    class ConceptForm(VersionedForm):
        version_extra = {"goals": GOALS}
    # the service:  check_version(process, version, extra={"goals": GOALS})
"""

from __future__ import annotations

import datetime
import decimal
import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "stadtdialog.core.versioning"
EMPTY = object()


@dataclass(frozen=True)
class Change:
    """A field changed since the form was loaded: its name, its label and its current value as text."""

    name: str
    label: str
    value: str


@dataclass(frozen=True)
class Derived:
    """A versioned value that is not one field of the object, e.g. the goals of a concept: `value(obj)` gives
    something comparable (plain data), `shown(obj)` the text people read (default: the value as text)."""

    label: str
    value: Callable[[models.Model], Any]
    shown: Callable[[models.Model], str] | None = None

    @classmethod
    def field_of(cls, getter: Callable[[models.Model], models.Model | None], name: str, label: str = "") -> Derived:
        """The field `name` of a related object `getter(obj)` (None while it does not exist), e.g. the decision
        of a process: `Derived.field_of(lambda process: Decision.objects.filter(process=process).first(),
        "text")`. The related object is read once per check; the label defaults to the field's."""

        def target(obj):
            memo = obj.__dict__.setdefault("_version_memo", {})
            if getter not in memo:
                memo[getter] = getter(obj)
            return memo[getter]

        def value(obj):
            related = target(obj)
            return None if related is None else _raw(related, name)

        def shown(obj):
            related = target(obj)
            return _("(empty)") if related is None else _label_and_value(related, name)[1]

        return cls(label or capfirst(name.replace("_", " ")), value, shown)


class StaleEdit(ValidationError):
    """A save from a stale form: someone else changed `changes` meanwhile. `version` is the current token,
    which the form takes so that a deliberate second save goes through."""

    def __init__(self, changes: list[Change], version: str):
        self.changes = changes
        self.version = version
        super().__init__(stale_messages(changes), code="stale")


def stale_messages(changes: list[Change], labels: dict[str, str] | None = None) -> list[str]:
    """The German refusal: what changed meanwhile (label and current value), and what to do now."""
    labels = labels or {}
    lines = [
        _(
            "Someone else saved this meanwhile, after you opened the form. Your changes have not been saved, "
            "so that theirs are not lost."
        )
    ]
    for change in changes:
        lines.append(
            _("Changed meanwhile: %(label)s – now: %(value)s")
            % {"label": labels.get(change.name) or change.label, "value": change.value}
        )
    lines.append(
        _(
            "What you typed is still in the form below. Compare it with the current values; "
            "when you save again, your input replaces them."
        )
    )
    return lines


# --- values and digests -------------------------------------------------------------------------------


def _field(obj: models.Model, name: str):
    try:
        return obj._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _raw(obj: models.Model, name: str):
    """The value of `name` at the level of the model (ids for relations), read from the database for relations."""
    field = _field(obj, name)
    if field is None:
        value = getattr(obj, name, EMPTY)
        return value() if callable(value) else value
    if field.many_to_many or field.one_to_many:
        if obj.pk is None:
            return []
        return sorted(
            getattr(obj, field.get_accessor_name() if field.auto_created else name).values_list("pk", flat=True)
        )
    return getattr(obj, field.attname)


def _canonical(value) -> str:
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return f"#{value.pk}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{key}={_canonical(value[key])}" for key in sorted(value)) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_canonical(v) for v in value]
        return "[" + ",".join(sorted(items) if isinstance(value, (set, frozenset)) else items) + "]"
    if value is EMPTY:
        return "(none)"
    return f"{type(value).__name__}:{value}"


def _digest(obj: models.Model, name: str, extra: Mapping[str, Derived] | None = None) -> str:
    value = extra[name].value(obj) if extra and name in extra else _raw(obj, name)
    return hashlib.sha256(_canonical(value).encode()).hexdigest()[:12]


def _identity(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def version_token(obj: models.Model, fields: Iterable[str], extra: Mapping[str, Derived] | None = None) -> str:
    """A signed token of the current values of `fields` of `obj` and of the `extra` derived values (one digest
    each)."""
    obj.__dict__.pop("_version_memo", None)
    fields = list(fields)
    names = [*fields, *(name for name in extra or {} if name not in fields)]
    data = {"o": _identity(obj), "f": {name: _digest(obj, name, extra) for name in names}}
    return signing.Signer(salt=SALT).sign_object(data, compress=True)


def _read_token(obj: models.Model, version: str) -> dict[str, str] | None:
    try:
        data = signing.Signer(salt=SALT).unsign_object(version)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("o") != _identity(obj) or not isinstance(data.get("f"), dict):
        return None
    return data["f"]


# --- the current value as people read it -----------------------------------------------------------


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, decimal.Decimal):
        return number_format(value.normalize() if value == value.to_integral() else value)
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value.name else _("(empty)")
    if isinstance(value, (list, tuple)):
        return ", ".join(_shown(v) for v in value) or _("(empty)")
    text = " ".join(strip_tags(str(value)).split())
    return "„" + Truncator(text).chars(120) + "“" if text else _("(empty)")


def _label_and_value(obj: models.Model, name: str, extra: Mapping[str, Derived] | None = None) -> tuple[str, str]:
    if extra and name in extra:
        derived = extra[name]
        return str(derived.label), derived.shown(obj) if derived.shown else _shown(derived.value(obj))
    field = _field(obj, name)
    if field is None:
        return capfirst(name.replace("_", " ")), _shown(_raw(obj, name))
    label = capfirst(str(getattr(field, "verbose_name", None) or name.replace("_", " ")))
    if field.many_to_many or field.one_to_many:
        accessor = field.get_accessor_name() if field.auto_created else name
        return label, _shown([str(o) for o in getattr(obj, accessor).all()]) if obj.pk else _("(empty)")
    if field.is_relation:
        related = getattr(obj, name)
        return label, _shown(str(related) if related is not None else None)
    if field.choices:
        value = getattr(obj, field.attname)
        return label, _shown(str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else None)
    return label, _shown(getattr(obj, field.attname))


# --- the service side -------------------------------------------------------------------------------


def lock(obj: models.Model) -> models.Model:
    """Lock the row of `obj` (inside a transaction) and refresh `obj` in place from it; returns `obj`."""
    # order_by(): no join for a Meta.ordering across a relation (PostgreSQL refuses FOR UPDATE of an outer join)
    type(obj)._base_manager.select_for_update().filter(pk=obj.pk).order_by().values_list("pk", flat=True).first()
    obj.refresh_from_db()
    obj.__dict__.pop("_version_memo", None)
    if hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    return obj


def check_version(
    obj: models.Model,
    version: str | None,
    fields: Iterable[str] | None = None,
    extra: Mapping[str, Derived] | None = None,
) -> None:
    """Inside the service's transaction: lock and re-read `obj`, then raise StaleEdit if a field of the token
    (or of `fields`, where the token has it) changed since `version` was made. `extra` gives the derived
    values the token covers (the same mapping the form was given). An empty version checks nothing (a caller
    without a form), and so does a token that is not ours or of another object (as if the browser had sent
    none: the check guards against accidents, not against the user)."""
    lock(obj)
    digests = _read_token(obj, version) if version else None
    if digests is None:
        return
    fields = list(fields) if fields is not None else None
    names = [name for name in (fields if fields is not None else digests) if name in digests]
    changed = [name for name in names if digests[name] != _digest(obj, name, extra)]
    if changed:
        changes = [Change(name, *_label_and_value(obj, name, extra)) for name in changed]
        raise StaleEdit(changes, version_token(obj, [n for n in digests if not extra or n not in extra], extra))


# --- the form side ----------------------------------------------------------------------------------


class VersionedForm(forms.Form):
    """A staff edit form that carries the version of the object it was loaded from (see the module docstring).

    Pass `version_of=obj` (the object being edited; a ModelForm's `instance` is taken by default); render
    `{{ form.version }}` in the template. The token covers `version_fields` if the form sets it, else every
    field of the form that is a field (or attribute) of the object, and the derived values of `version_extra`.

    A choice the user may not make keeps its value (issue 11, item 2): once an edit form (one with an object;
    a creation form offers its choices as they are) and the subclass's __init__, which narrows the choices to
    the user's units, are built, every choice field whose current value
    is not among the offered choices is disabled and offers that value, so saving the form unchanged keeps it
    (`hold_values_out_of_reach`)."""

    version_fields: tuple[str, ...] | None = None
    version_extra: Mapping[str, Derived] | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = _then_hold(cls.__dict__["__init__"])

    def __init__(self, *args, version_of: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version_of is None:
            version_of = getattr(self, "instance", None)
        self.version_of = version_of
        if version_of is not None and version_of.pk is not None and not self.is_bound:
            self.initial["version"] = version_token(version_of, self.versioned_names(version_of), self.version_extra)

    def versioned_names(self, obj: models.Model) -> list[str]:
        if self.version_fields is not None:
            return list(self.version_fields)
        names = []
        for name in self.fields:
            if name == "version" or (self.version_extra and name in self.version_extra):
                continue
            if _field(obj, name) is not None or hasattr(type(obj), name):
                names.append(name)
        return names

    def full_clean(self):
        super().full_clean()
        # The token is read with `form.version`; cleaned_data stays the object's fields (service_data()).
        getattr(self, "cleaned_data", {}).pop("version", None)

    @property
    def version(self) -> str:
        """The token the browser sent (empty for an unbound form or a creation form)."""
        if not self.is_bound:
            return self.initial.get("version", "")
        value = self.data.get(self.add_prefix("version"), "")
        return value if isinstance(value, str) else ""

    def take_current_version(self, obj: models.Model) -> None:
        """After a save whose page is shown again (e.g. saved, but publishing was refused), carry the version of
        what is stored now, so that the next save is not refused as stale."""
        data = self.data.copy()
        data[self.add_prefix("version")] = version_token(obj, self.versioned_names(obj), self.version_extra)
        self.data = data

    def take_stale_edit(self, error: StaleEdit) -> None:
        """Show the refusal (with this form's labels) above the form and at the changed fields, keep what
        was typed, and take the current version so that saving again is a deliberate overwrite."""
        labels = {name: str(self.fields[name].label) for name in self.fields if self.fields[name].label}
        for line in stale_messages(error.changes, labels):
            self.add_error(None, line)
        for change in error.changes:
            if change.name in self.fields and change.name != "version":
                self.add_error(change.name, _("Changed meanwhile to: %(value)s") % {"value": change.value})
        data = self.data.copy()
        data[self.add_prefix("version")] = error.version
        self.data = data


def _then_hold(init):
    """Wrap a VersionedForm subclass's __init__: when the outermost __init__ is done, hold what is out of reach."""

    @functools.wraps(init)
    def wrapped(self, *args, **kwargs):
        depth = self.__dict__.get("_init_depth", 0)
        self._init_depth = depth + 1
        try:
            init(self, *args, **kwargs)
        finally:
            self._init_depth = depth
        if depth == 0:
            edits = self.version_of is not None and self.version_of.pk is not None
            self.held_fields = hold_values_out_of_reach(self) if edits else []

    return wrapped


VersionedForm.__init__ = _then_hold(VersionedForm.__dict__["__init__"])
# The hidden field is added here, as the property `version` (the token sent) has the same name in the class body.
VersionedForm.declared_fields["version"] = VersionedForm.base_fields["version"] = forms.CharField(
    widget=forms.HiddenInput, required=False, label=gettext_lazy("Version")
)


def _flat_choice_values(choices) -> set[str]:
    values = set()
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            values |= _flat_choice_values(label)
        else:
            values.add(str(value))
    return values


def hold_values_out_of_reach(form: forms.BaseForm) -> list[str]:
    """Disable every choice field of a bound-to-an-object form whose current value (its initial) is not among
    the choices offered to this user, and offer that value, so that the form keeps it: a district manager who
    saves a department's event unchanged does not empty its process and unit. Returns the names held."""
    held = []
    for name, field in form.fields.items():
        if field.disabled or not isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            continue
        current = form.get_initial_for_field(field, name)
        if current is None or current == "" or (isinstance(current, list | tuple | set) and not current):
            continue
        values = list(current) if isinstance(current, list | tuple | set | models.QuerySet) else [current]
        if isinstance(field, forms.ModelChoiceField):
            wanted = {str(getattr(value, "pk", value)) for value in values}
            offered = {str(pk) for pk in field.queryset.filter(pk__in=wanted).values_list("pk", flat=True)}
            missing = wanted - offered
            if not missing:
                continue
            ordering = field.queryset.query.order_by or field.queryset.model._meta.ordering
            field.queryset = field.queryset.model._default_manager.filter(
                models.Q(pk__in=field.queryset.values("pk")) | models.Q(pk__in=missing)
            ).order_by(*ordering)
        else:
            offered = _flat_choice_values(field.choices)
            missing = [value for value in values if str(value) not in offered]
            if not missing:
                continue
            field.choices = [*field.choices, *((value, str(value)) for value in missing)]
        field.disabled = True
        note = _("It stays as it is: you cannot choose the current value yourself.")
        field.help_text = f"{field.help_text} {note}" if field.help_text else note
        held.append(name)
    return held


def take_stale_edit(form, error: StaleEdit) -> None:
    """Put a StaleEdit on any form (a VersionedForm takes its new version too)."""
    if isinstance(form, VersionedForm):
        form.take_stale_edit(error)
        return
    for line in error.messages:
        form.add_error(None, line)
