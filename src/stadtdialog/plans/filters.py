"""The filter form of the public plan list. Its state is the query string, so every filter state has a URL.

The same form drives the list, the map, the Atom feed and the CSV export.
"""

import copy
import datetime
import time
import uuid

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.forms.utils import flatatt
from django.utils.choices import normalize_choices
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter

from .models import Plan


class Participation:
    PLANNED = "planned"
    RUNNING = "running"
    NONE = "none"
    CHOICES = [
        (PLANNED, _("Planned")),
        (RUNNING, _("Running now")),
        (NONE, _("No participation")),
    ]


class Sort:
    BEST = ""  # relevance when searching, otherwise newest
    NEWEST = "newest"
    TITLE = "title"
    START = "start"
    RELEVANCE = "relevance"
    CHOICES = [
        (BEST, _("Best match, otherwise newest")),
        (NEWEST, _("Newest first")),
        (TITLE, _("Title A–Z")),
        (START, _("Expected start")),
        (RELEVANCE, _("Relevance (when searching)")),
    ]


def _any(label):
    return [("", label)]


class Select(forms.Select):
    """A select rendered in Python rather than through one template per option.

    The filter selects carry about a hundred options; Django's template-based option rendering
    would be the most expensive part of the plan list page. Named "Select" so that
    core/field.html styles it as a select. When the form sets `options_html` (the options rendered
    once per language by FilterChoices), only the selected option is marked per request.
    """

    options_html: str | None = None

    def __deepcopy__(self, memo):
        # the choices are never changed in place: share them rather than copy and normalise them per form
        obj = copy.copy(self)
        obj.attrs = self.attrs.copy()
        memo[id(self)] = obj
        return obj

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        if self.options_html is not None:
            body = mark_selected(self.options_html, selected)
        else:
            body = render_options(self.choices, selected)
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(body))


class PythonInputMixin:
    """Renders an <input> in Python, exactly as Django's input.html template does, for the same reason as Select."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value_attr = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        attrs = "".join(
            f" {escape(key)}" if value is True else f' {escape(key)}="{escape(str(value))}"'
            for key, value in widget["attrs"].items()
            if value is not False
        )
        return mark_safe(f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value_attr}{attrs}>')


class TextInput(PythonInputMixin, forms.TextInput):
    pass


class NumberInput(PythonInputMixin, forms.NumberInput):
    pass


class DateInput(PythonInputMixin, forms.DateInput):
    pass


class FilterChoiceField(forms.ChoiceField):
    """A ChoiceField whose choices are shared between forms rather than deep-copied and normalised per request.

    The choice lists are built once (static ones at import, the organisation ones per FilterChoices
    version) and never changed, so every form can use the same list objects.
    """

    widget = Select

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result

    def use_choices(self, normalized: list):
        """Use an already normalised list of choices (see FilterChoices.select_choices)."""
        self._choices = self.widget._choices = normalized


def render_options(choices, selected: str | None = None) -> str:
    """The <option> and <optgroup> elements of the choices, the option whose value is `selected` marked."""

    def options(items):
        return "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) == selected else ""}>{escape(label)}</option>'
            for key, label in items
        )

    body = []
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            body.append(f'<optgroup label="{escape(key)}">{options(label)}</optgroup>')
        else:
            body.append(options([(key, label)]))
    return "".join(body)


def mark_selected(options_html: str, selected: str) -> str:
    """Options rendered without a selection, with the option of value `selected` (if any) marked selected."""
    needle = f'<option value="{escape(selected)}">'
    return options_html.replace(needle, f'<option value="{escape(selected)}" selected>', 1)


CHOICES_TIMEOUT = 300  # seconds; bounds staleness where the cache is per process (locmem) and a change came elsewhere
_VERSION_KEY = "plans:filter-choices:version"
_current: dict = {}  # this process's FilterChoices for the current version: {version: (expires, choices)}


class FilterChoices:
    """Choices of the filter selects: districts, quarters, fields of action and departments (never the boundaries).

    They change rarely, so FilterChoices.current() keeps them in Django's cache under a version that
    every save or delete of those organisation models replaces (invalidate_filter_choices); the options
    of each select are rendered once per language. A page then needs no query for its filters.
    """

    version = None  # the cache version these choices belong to (None: loaded directly, not cached)

    def __init__(self, rows=None):
        self.districts, quarters_by_name, self.fields, self.units = rows or self.load()
        # by district (in the order of their numbers), within a district by name: a stable sort keeps the
        # database's order of names
        self.quarters = [row[:4] for row in sorted(quarters_by_name, key=lambda row: row[4])]
        # the quarters by name, for the filter of a process's contributions (dialog.forms.FilterForm)
        self.dialog_quarter_choices = normalize_choices(
            _any(_("All quarters")) + [(slug, name) for _id, slug, name, _district, _number in quarters_by_name]
        )
        self.select_choices = {
            "district": normalize_choices(self.district_choices()),
            "quarter": normalize_choices(self.quarter_choices()),
            "field": normalize_choices(self.field_choices()),
            "unit": normalize_choices(self.unit_choices()),
        }
        self._ids = {
            "district": {slug: pk for pk, slug, _number, _name in self.districts},
            "quarter": {slug: pk for pk, slug, _name, _district in self.quarters},
            "field": {slug: pk for pk, slug, _name in self.fields},
        }
        self.district_names = {pk: name for pk, _slug, _number, name in self.districts}
        self.field_names = {pk: name for pk, _slug, name in self.fields}
        self._options_html: dict[tuple, str] = {}

    @staticmethod
    def load() -> tuple:
        """The rows behind the choices, in four small queries."""
        return (
            list(District.objects.order_by("number").values_list("id", "slug", "number", "name")),
            list(
                Quarter.objects.order_by("name", "id").values_list(
                    "id", "slug", "name", "district__name", "district__number"
                )
            ),
            list(FieldOfAction.objects.order_by("position", "name").values_list("id", "slug", "name")),
            list(
                OrgUnit.objects.exclude(kind=OrgUnit.Kind.SECTION)
                .order_by("short_name")
                .values_list("id", "short_name", "name")
            ),
        )

    @classmethod
    def current(cls) -> "FilterChoices":
        """The choices for the current version, from this process's memory or Django's cache (four queries when neither has them)."""
        version = cache.get(_VERSION_KEY)
        if version is None:
            cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(_VERSION_KEY)
        now = time.monotonic()
        found = _current.get(version)
        if found and found[0] > now:
            return found[1]
        key = f"plans:filter-choices:2:{version}"  # 2: the shape of the rows
        rows = cache.get(key)
        if rows is None:
            rows = cls.load()
            cache.set(key, rows, CHOICES_TIMEOUT)
        choices = cls(rows)
        choices.version = version
        _current.clear()
        _current[version] = (now + CHOICES_TIMEOUT, choices)
        return choices

    def options_html(self, name: str, choices) -> str:
        """The options of one select, rendered once per language and without a selection."""
        key = (name, get_language())
        html = self._options_html.get(key)
        if html is None:
            html = self._options_html[key] = render_options(choices)
        return html

    def district_choices(self):
        return _any(_("All districts")) + [(slug, f"{number:02d} {name}") for _, slug, number, name in self.districts]

    def quarter_choices(self):
        grouped: dict[str, list] = {}
        for _id, slug, name, district_name in self.quarters:
            grouped.setdefault(district_name, []).append((slug, name))
        return _any(_("All quarters")) + list(grouped.items())

    def field_choices(self):
        return _any(_("All fields of action")) + [(slug, name) for _, slug, name in self.fields]

    def unit_choices(self):
        return _any(_("All departments")) + [(str(pk), f"{short} {name}") for pk, short, name in self.units]

    def id_of(self, kind: str, slug: str) -> int | None:
        return self._ids[kind].get(slug)


def invalidate_filter_choices(**kwargs):
    """Give the filter choices a new version, now and again when the transaction commits (so that no
    request caches the old rows in between)."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(_VERSION_KEY, uuid.uuid4().hex, None))


for _model in (District, Quarter, FieldOfAction, OrgUnit):
    post_save.connect(
        invalidate_filter_choices, sender=_model, dispatch_uid=f"plans-filter-choices-save-{_model.__name__}"
    )
    post_delete.connect(
        invalidate_filter_choices, sender=_model, dispatch_uid=f"plans-filter-choices-delete-{_model.__name__}"
    )


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=TextInput)
    district = FilterChoiceField(label=_("District"), required=False)
    quarter = FilterChoiceField(label=_("Quarter"), required=False)
    field = FilterChoiceField(label=_("Field of action"), required=False)
    unit = FilterChoiceField(label=_("Lead department"), required=False)
    status = FilterChoiceField(label=_("Status"), required=False, choices=_any(_("Any status")) + Plan.Status.choices)
    participation = FilterChoiceField(
        label=_("Participation"), required=False, choices=_any(_("Any")) + Participation.CHOICES
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Plans whose expected schedule touches this year."),
        widget=NumberInput(attrs={"inputmode": "numeric"}),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sort = FilterChoiceField(label=_("Sort by"), required=False, choices=Sort.CHOICES)

    def __init__(self, data=None, choices: FilterChoices | None = None):
        super().__init__(data)
        self.choices = choices or FilterChoices.current()
        for name, field_choices in self.choices.select_choices.items():
            self.fields[name].use_choices(field_choices)
        for name, field in self.fields.items():
            if isinstance(field.widget, Select):
                field.widget.options_html = self.choices.options_html(name, field.choices)
        self.fields["date_from"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        self.fields["date_to"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    def criteria(self) -> dict:
        """The valid filters as plain values for queries.filter_plans (invalid fields are ignored)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        unit = data.get("unit")
        year = data.get("year")
        period = (data.get("date_from"), data.get("date_to"))
        if year:
            period = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        q = (data.get("q") or "").strip()
        sort = data.get("sort") or (Sort.RELEVANCE if q else Sort.NEWEST)
        if sort == Sort.RELEVANCE and not q:
            sort = Sort.NEWEST
        return {
            "q": q,
            "district_id": self.choices.id_of("district", data.get("district") or ""),
            "quarter_id": self.choices.id_of("quarter", data.get("quarter") or ""),
            "field_id": self.choices.id_of("field", data.get("field") or ""),
            "unit_id": int(unit) if unit else None,
            "status": data.get("status") or "",
            "participation": data.get("participation") or "",
            "period": period if any(period) else None,
            "sort": sort,
        }

    def fragment_key(self) -> str:
        """What the rendered form depends on besides the page's URL, for caching it as a template fragment:
        the language, the version of the choices and the submitted values (errors follow from them).
        Empty when the choices are not versioned (then the form is rendered every time)."""
        if self.choices.version is None:
            return ""
        return repr((get_language(), self.choices.version, [self.data.get(name) for name in self.fields]))

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(value not in (None, "") for key, value in data.items() if key != "sort")


def filter_form(params) -> PlanFilterForm:
    """A bound, validated filter form for the request's GET parameters (page is ignored)."""
    form = PlanFilterForm(params)
    form.is_valid()
    return form
