"""Staff forms for plans and their attachments. Forms only parse and check; services save."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core.forms import RichTextarea, SingleLineField, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter
from stadtdialog.organisation.points import point_error
from stadtdialog.organisation.queries import active_units, current_city

from .models import Attachment, Plan
from .services import PlanFields, validate_council_paper_number
from .uploads import check_upload, megabytes

YES_NO = [("yes", _("Yes, participation is planned")), ("no", _("No participation is planned"))]


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EuroField(forms.DecimalField):
    """An amount in euros as Germans write it: "12.500,50" or "12500.50" or "12500"."""

    GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(localize=True, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
            if self.GROUPED.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


class PlanForm(VersionedForm):
    title = SingleLineField(label=_("Title"), max_length=max_length_of(Plan, "title"))
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=max_length_of(Plan, "summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences for the plan list."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=RichTextarea({"rows": 10}),
        help_text=_(
            "Paragraphs, bold and italic text, lists, links, headings and tables are kept (HTML); "
            "everything else is removed."
        ),
    )
    easy_language_summary = forms.CharField(
        label=_("Summary in easy language"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Short sentences, common words, one statement a sentence."),
    )
    is_citywide = forms.BooleanField(label=_("The plan concerns the whole city"), required=False)
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quarters = forms.ModelMultipleChoiceField(
        label=_("Quarters"),
        queryset=Quarter.objects.select_related("district"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A quarter brings its district with it."),
    )
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6, localize=True)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6, localize=True)
    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_unit = forms.ModelChoiceField(label=_("Lead department"), queryset=OrgUnit.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=Plan.Status.choices)
    cost_estimate = EuroField(label=_("Estimated cost in euros"), required=False, max_digits=14)
    schedule_start = forms.DateField(label=_("Expected start"), required=False, widget=date_input())
    schedule_end = forms.DateField(label=_("Expected end"), required=False, widget=date_input())
    schedule_note = forms.CharField(
        label=_("Note on the schedule"), required=False, max_length=max_length_of(Plan, "schedule_note")
    )
    council_papers = forms.CharField(
        label=_("Council papers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One number a line, e.g. 1736/2018 or 15-1178/2022. A link may follow the number after a space."),
    )
    participation_planned = forms.ChoiceField(label=_("Participation"), choices=YES_NO, widget=forms.RadioSelect)
    no_participation_reason = forms.CharField(
        label=_("Why no participation is planned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when no participation is planned."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = active_units()
        city_wide = is_city_wide_staff(user)
        if not city_wide:
            units = units.filter(pk__in=unit_ids_of(user))
        self.fields["lead_unit"].queryset = units
        # A new plan is most often one of the user's own unit (as in the event form); a saved plan keeps its own.
        if user.org_unit_id and (city_wide or user.org_unit_id in unit_ids_of(user)):
            self.fields["lead_unit"].initial = user.org_unit_id
        south, west, north, east = current_city().bounds
        self.fields["latitude"].help_text = _("Optional map point: between %(low)s and %(high)s.") % {
            "low": number_format(south, 2),
            "high": number_format(north, 2),
        }
        self.fields["longitude"].help_text = _("Between %(low)s and %(high)s.") % {
            "low": number_format(west, 2),
            "high": number_format(east, 2),
        }

    def quarter_groups(self):
        """The quarter checkboxes grouped by district, for one fieldset per district."""
        quarters = list(self.fields["quarters"].queryset)
        widgets = list(self["quarters"])
        groups, current = [], None
        for quarter, widget in zip(quarters, widgets):
            if current is None or current["district"].pk != quarter.district_id:
                current = {"district": quarter.district, "choices": []}
                groups.append(current)
            current["choices"].append(widget)
        return groups

    def clean_council_papers(self):
        entries, errors = [], []
        for line in self.cleaned_data["council_papers"].splitlines():
            line = line.strip()
            if not line:
                continue
            number, url = line, ""
            if " http" in line:
                number, url = line.split(" http", 1)
                url = "http" + url.strip()
            try:
                entries.append({"number": validate_council_paper_number(number), "url": url})
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return entries

    def clean(self):
        data = super().clean()
        start, end = data.get("schedule_start"), data.get("schedule_end")
        if start and end and end < start:
            self.add_error("schedule_end", _("The expected end cannot be before the expected start."))
        if data.get("participation_planned") == "no" and not data.get("no_participation_reason", "").strip():
            self.add_error("no_participation_reason", _("Please explain why no participation is planned."))
        if message := point_error(data.get("latitude"), data.get("longitude")):
            self.add_error("latitude", message)
        return data

    def service_data(self) -> PlanFields:
        """The keyword arguments of services.create_plan and services.update_plan."""
        data = dict(self.cleaned_data)
        data["participation_planned"] = data["participation_planned"] == "yes"
        return data


def plan_initial(plan: Plan) -> dict:
    """Form values of a saved plan."""
    initial = {
        name: getattr(plan, name)
        for name in [
            "title",
            "summary",
            "description",
            "easy_language_summary",
            "is_citywide",
            "latitude",
            "longitude",
            "lead_unit",
            "status",
            "cost_estimate",
            "schedule_start",
            "schedule_end",
            "schedule_note",
            "no_participation_reason",
        ]
    }
    initial["participation_planned"] = "yes" if plan.participation_planned else "no"
    initial["districts"] = list(plan.districts.all())
    initial["quarters"] = list(plan.quarters.all())
    initial["fields_of_action"] = list(plan.fields_of_action.all())
    initial["council_papers"] = "\n".join(f"{p.number} {p.url}".strip() for p in plan.council_papers.all())
    return initial


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text="")
    title = SingleLineField(label=_("Title"), max_length=max_length_of(Attachment, "title"))
    alt_text = forms.CharField(
        label=_("Description of the image"),
        max_length=max_length_of(Attachment, "alt_text"),
        required=False,
        help_text=_("Required for images: what the image shows, for people who cannot see it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, PNG, JPEG or WebP, at most %(limit)s MB.") % {
            "limit": megabytes(settings.MAX_ATTACHMENT_BYTES)
        }

    def clean_file(self):
        self.file_kind, _extension = check_upload(self.cleaned_data["file"])
        return self.cleaned_data["file"]

    def clean(self):
        data = super().clean()
        if getattr(self, "file_kind", None) == Attachment.Kind.IMAGE and not data.get("alt_text", "").strip():
            self.add_error("alt_text", _("Please describe the image for people who cannot see it."))
        return data
