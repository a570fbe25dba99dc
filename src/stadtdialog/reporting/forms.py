"""The filters of the public report, read from the query string (each filter state is a shareable address)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import SingleLineField, id_field, limited_text
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Phase, Process

from .models import AnnualPlanEntry


class ReportFilter(forms.Form):
    """?jahr=2026&dezernat=<id>&fachbereich=<id>&stadtbezirk=<slug>&handlungsfeld=<slug>; read with
    core.forms.parse_query, so that a bad value is ignored instead of failing."""

    jahr = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    dezernat = id_field(label=_("Directorate"))
    fachbereich = id_field(label=_("Department"))
    stadtbezirk = forms.SlugField(label=_("District"), required=False, max_length=50)
    handlungsfeld = forms.SlugField(label=_("Field of action"), required=False, max_length=50)


class AnnualReportRequest(forms.Form):
    """The year whose annual report the coordination office has made (again)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class AnnualPlanEntryForm(VersionedForm, forms.ModelForm):
    """What a department plans: the unit is one the user acts for, the plan one of the unit's (or a new topic)."""

    formats = forms.MultipleChoiceField(
        label=_("Formats"), required=False, choices=Phase.Format.choices, widget=forms.CheckboxSelectMultiple
    )
    topic = SingleLineField(
        label=_("New topic"), required=False, max_length=200, help_text=_("When there is no plan yet.")
    )
    lead_contact = SingleLineField(label=_("Lead contact"), max_length=200, help_text=_("Name, phone or e-mail."))
    committee = SingleLineField(
        label=_("Committee"), max_length=200, help_text=_("The committee the participation is reported to.")
    )

    class Meta:
        model = AnnualPlanEntry
        fields = [
            "year",
            "org_unit",
            "plan",
            "topic",
            "process_kind",
            "formats",
            "quarter",
            "budget",
            "lead_contact",
            "committee",
        ]
        widgets = {"quarter": forms.Select(choices=[(q, f"Q{q}") for q in range(1, 5)])}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        self.fields["plan"].queryset = Plan.objects.filter(lead_unit__in=units).order_by("title")
        self.fields["plan"].required = False
        self.fields["budget"].localize = True

    def clean(self):
        data = super().clean()
        if not data.get("plan") and not data.get("topic"):
            self.add_error("topic", _("Choose a plan or name a new topic."))
        return data


class AnnualPlanOutcomeForm(VersionedForm):
    """At the end of the year: what became of the entry, why, and which process carried it out."""

    outcome = forms.ChoiceField(label=_("What became of it"), choices=AnnualPlanEntry.Outcome.choices)
    outcome_reason = limited_text(_("Reason"), 2000, required=False)
    process = forms.ModelChoiceField(
        label=_("Process that carried it out"), queryset=Process.objects.none(), required=False
    )

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is not None:
            self.fields["process"].queryset = Process.objects.filter(plan__lead_unit=entry.org_unit).order_by("title")

    def clean(self):
        data = super().clean()
        if data.get("outcome") in AnnualPlanEntry.NEEDS_REASON and not (data.get("outcome_reason") or "").strip():
            self.add_error("outcome_reason", _("Say why it was postponed or dropped."))
        return data


class QuarterQuery(forms.Form):
    jahr = forms.IntegerField(required=False, min_value=2000, max_value=2100)


class LettersForm(forms.Form):
    """The addresses (CSV) and a personal paragraph of the letters to a process's target groups."""

    addresses = forms.FileField(
        label=_("Addresses (CSV)"),
        help_text=_("Columns Name, Straße, Zusatz (optional), PLZ, Ort; separated by semicolons; UTF-8."),
    )
    greeting = limited_text(_("Personal paragraph (optional)"), 2000, required=False, rows=4)
