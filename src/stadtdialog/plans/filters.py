"""The filter form of the public plan list. Its state is the query string, so every filter state has a URL.

The same form drives the list, the map, the Atom feed and the CSV export.
"""

import datetime

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
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
    core/field.html styles it as a select.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name

        def options(choices):
            return format_html_join(
                "", "<option value=\"{}\"{}>{}</option>",
                ((key, mark_safe(" selected") if str(key) == selected else "", label) for key, label in choices),
            )

        body = []
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                body.append(format_html('<optgroup label="{}">{}</optgroup>', key, options(label)))
            else:
                body.append(options([(key, label)]))
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe("".join(body)))


class FilterChoices:
    """Choices of the filter selects, loaded with one small query per list (never the boundaries)."""

    def __init__(self):
        self.districts = list(District.objects.order_by("number").values_list("id", "slug", "number", "name"))
        self.quarters = list(
            Quarter.objects.order_by("district__number", "name").values_list("id", "slug", "name", "district__name")
        )
        self.fields = list(FieldOfAction.objects.order_by("position", "name").values_list("id", "slug", "name"))
        self.units = list(
            OrgUnit.objects.exclude(kind=OrgUnit.Kind.SECTION)
            .order_by("short_name")
            .values_list("id", "short_name", "name")
        )

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
        rows = {"district": self.districts, "quarter": self.quarters, "field": self.fields}[kind]
        return next((row[0] for row in rows if row[1] == slug), None)


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    district = forms.ChoiceField(widget=Select, label=_("District"), required=False)
    quarter = forms.ChoiceField(widget=Select, label=_("Quarter"), required=False)
    field = forms.ChoiceField(widget=Select, label=_("Field of action"), required=False)
    unit = forms.ChoiceField(widget=Select, label=_("Lead department"), required=False)
    status = forms.ChoiceField(
        widget=Select, label=_("Status"), required=False, choices=_any(_("Any status")) + Plan.Status.choices
    )
    participation = forms.ChoiceField(
        widget=Select, label=_("Participation"), required=False, choices=_any(_("Any")) + Participation.CHOICES
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1990, max_value=2100,
        help_text=_("Plans whose expected schedule touches this year."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sort = forms.ChoiceField(widget=Select, label=_("Sort by"), required=False, choices=Sort.CHOICES)

    def __init__(self, data=None, choices: FilterChoices | None = None):
        super().__init__(data)
        self.choices = choices or FilterChoices()
        self.fields["district"].choices = self.choices.district_choices()
        self.fields["quarter"].choices = self.choices.quarter_choices()
        self.fields["field"].choices = self.choices.field_choices()
        self.fields["unit"].choices = self.choices.unit_choices()
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

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(value not in (None, "") for key, value in data.items() if key != "sort")


def filter_form(params) -> PlanFilterForm:
    """A bound, validated filter form for the request's GET parameters (page is ignored)."""
    form = PlanFilterForm(params)
    form.is_valid()
    return form
