"""The filter form of the public plan list. Its state is the query string, so every filter state has a URL.

The same form drives the list, the map, the Atom feed and the CSV export.
"""

import datetime
import time
import uuid

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.forms.renderers import Jinja2
from django.utils.choices import normalize_choices
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


def shared(choices: list):
    """Choices handed to a ChoiceField as a callable, which Django calls when it iterates them: the fields of a form
    are deep-copied for every form made, and a callable is copied without copying the list behind it."""
    return lambda: choices


# The widgets of the filter forms are rendered with Django's Jinja2 widget templates: the selects carry about a
# hundred options, which Django's template engine renders one include per option. One instance, so that its
# engine (and the compiled templates) last as long as the process.
filter_form_renderer = Jinja2()


CHOICES_TIMEOUT = 300  # seconds; bounds staleness where the cache is per process (locmem) and a change came elsewhere
_VERSION_KEY = "plans:filter-choices:version"
_current: dict = {}  # this process's FilterChoices for the current version: {version: (expires, choices)}


class FilterChoices:
    """Choices of the filter selects: districts, quarters, fields of action and departments (never the boundaries).

    They change rarely, so FilterChoices.current() keeps them in Django's cache under a version that
    every save or delete of those organisation models replaces (invalidate_filter_choices). A page then needs no
    query for its filters.
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
                .filter(dissolved_at__isnull=True)
                .order_by("short_name")
                .values_list("id", "short_name", "name")
            ),
        )

    @classmethod
    def current(cls) -> "FilterChoices":
        """The choices for the current version, from this process's memory or Django's cache (four queries when
        neither has them)."""
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
    default_renderer = filter_form_renderer

    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.TextInput)
    district = forms.ChoiceField(label=_("District"), required=False)
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    field = forms.ChoiceField(label=_("Field of action"), required=False)
    unit = forms.ChoiceField(label=_("Lead department"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=shared(_any(_("Any status")) + Plan.Status.choices)
    )
    participation = forms.ChoiceField(
        label=_("Participation"), required=False, choices=shared(_any(_("Any")) + Participation.CHOICES)
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Plans whose expected schedule touches this year."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=shared(Sort.CHOICES))

    def __init__(self, data=None, choices: FilterChoices | None = None):
        super().__init__(data)
        self.choices = choices or FilterChoices.current()
        for name, field_choices in self.choices.select_choices.items():
            self.fields[name].choices = shared(field_choices)
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
