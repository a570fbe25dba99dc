"""Forms of the district conferences. Forms parse and check the fields (limits from the model fields); services
check permissions and what crosses objects. Every form that edits a stored object is a VersionedForm."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import SingleLineField, limited_text, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.organisation.queries import active_units
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process

from .models.conferences import (
    UNIT_STATUSES,
    ActionItem,
    ActionItemStatus,
    Agreement,
    DistrictConference,
    DistrictProject,
    Escalation,
)
from .queries_conferences import ITEM_FILTERS

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


def _datetime(label):
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=DATETIME_FORMATS,
    )


def _date(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
    )


def _departments():
    return active_units().exclude(kind=OrgUnit.Kind.DIRECTORATE).order_by("short_name")


def _units(label, help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"required": _("Please choose at least one department.")},
    )


def _single(model, name, label, required=True, help_text=""):
    return SingleLineField(label=label, max_length=max_length_of(model, name), required=required, help_text=help_text)


class ConferenceForm(VersionedForm, forms.ModelForm):
    """Plan or change a conference or working meeting: title, time, place, invited departments, agenda."""

    title = _single(DistrictConference, "title", _("Title"))
    starts_at = _datetime(_("Begins"))
    ends_at = _datetime(_("Ends"))
    place = _single(DistrictConference, "place", _("Place"), help_text=_("Room and address."))
    units = _units(_("Invited departments"), _("The representatives with decision authority are invited."))
    agenda = limited_text(
        _("Agenda"),
        max_length_of(DistrictConference, "agenda"),
        rows=12,
        required=False,
        help_text=_("One item per line. Prefilled with the district's plans, open needs and overdue items."),
    )

    class Meta:
        model = DistrictConference
        fields = ["title", "starts_at", "ends_at", "place", "units", "agenda"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = _departments()

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must lie after the beginning."))
        return data

    def _post_clean(self):  # the service writes; the model's validation runs there
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class MinutesForm(VersionedForm, forms.ModelForm):
    present_units = _units(_("Departments present"))
    minutes = limited_text(
        _("Minutes"),
        max_length_of(DistrictConference, "minutes"),
        rows=16,
        required=False,
        help_text=_("Only the participants read them: the district management and the invited departments."),
    )

    class Meta:
        model = DistrictConference
        fields = ["present_units", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present_units"].queryset = self.instance.units.order_by("short_name")
        self.fields["present_units"].required = False

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class AgreementForm(forms.Form):
    title = _single(
        Agreement, "title", _("What was agreed"), help_text=_("Published in the summary on the district page.")
    )
    reason = limited_text(_("Why"), max_length_of(Agreement, "reason"), rows=4, help_text=_("Internal."))
    units = _units(_("Agreed by the departments"))

    def __init__(self, *args, conference: DistrictConference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = conference.units.order_by("short_name")


class ItemForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Responsible department"),
        queryset=OrgUnit.objects.none(),
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose the responsible department.")},
    )
    measure = _single(
        ActionItem, "measure", _("Measure"), help_text=_("Published in the summary on the district page.")
    )
    starts_on = _date(_("From"))
    due_on = _date(_("Due on"))
    target_groups = _single(ActionItem, "target_groups", _("Target groups"), required=False)
    approach = _single(
        ActionItem, "approach", _("How they are addressed"), required=False, help_text=_("Who speaks to them, how.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _departments()

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", _("The due date must not lie before the start."))
        return data


class ItemUpdateForm(VersionedForm, forms.ModelForm):
    """The responsible department's update of its item."""

    status = forms.ChoiceField(label=_("Status"), choices=[(s.value, s.label) for s in UNIT_STATUSES])
    note = limited_text(
        _("Internal note"), max_length_of(ActionItem, "note"), rows=4, required=False, help_text=_("Never public.")
    )

    class Meta:
        model = ActionItem
        fields = ["status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status not in UNIT_STATUSES and not self.is_bound:
            self.initial["status"] = ActionItemStatus.IN_PROGRESS

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class DisputeForm(forms.Form):
    reason = limited_text(
        _("Why is the item disputed?"),
        max_length_of(ActionItem, "disputed_reason"),
        rows=4,
        error_messages={"required": _("Please give the reason why the item is disputed.")},
    )


class EscalationForm(forms.Form):
    body = forms.ChoiceField(label=_("Escalate to"), choices=Escalation.Body.choices, widget=forms.RadioSelect)
    reason = limited_text(
        _("Reason"),
        max_length_of(Escalation, "reason"),
        rows=4,
        error_messages={"required": _("Please give the reason for the escalation.")},
    )


class DecisionForm(forms.Form):
    """The decision is recorded once (the service refuses a second one under the row's lock): not an edit form."""

    decided_on = _date(_("Decided on"))
    decision = limited_text(
        _("Decision"),
        max_length_of(Escalation, "decision"),
        rows=4,
        error_messages={"required": _("Please write the decision.")},
    )
    consequence = limited_text(
        _("Consequence for the item"), max_length_of(Escalation, "consequence"), rows=3, required=False
    )
    new_due_on = _date(_("New due date (optional)"), required=False)


class ProjectForm(VersionedForm, forms.ModelForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = _single(DistrictProject, "title", _("Title"))
    description = limited_text(
        _("Description"), max_length_of(DistrictProject, "description"), rows=5, help_text=_("Public.")
    )
    state = forms.ChoiceField(label=_("State"), choices=DistrictProject.State.choices)
    agreements = forms.ModelMultipleChoiceField(
        label=_("Agreements"), queryset=Agreement.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    plans = forms.ModelMultipleChoiceField(
        label=_("Plans"), queryset=Plan.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    processes = forms.ModelMultipleChoiceField(
        label=_("Processes"), queryset=Process.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DistrictProject
        fields = ["year", "title", "description", "state", "agreements", "plans", "processes"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        linked = Plan.districts.through.objects.filter(district=district).values("plan_id")
        self.fields["agreements"].queryset = Agreement.objects.filter(district=district).order_by("-created_at")
        self.fields["plans"].queryset = Plan.objects.filter(pk__in=linked).order_by("title")
        self.fields["processes"].queryset = Process.objects.filter(plan__in=linked).order_by("title")

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ItemListQuery(forms.Form):
    stand = forms.ChoiceField(required=False, choices=[(value, value) for value in ITEM_FILTERS])
    page = forms.IntegerField(required=False, min_value=1, max_value=100000)
