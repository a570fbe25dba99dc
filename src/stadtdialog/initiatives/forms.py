"""Forms of the initiatives. Forms parse and check the fields (limits from the model); services check
permissions and rules and save."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.antibot import AntiBotMixin
from stadtdialog.core.forms import SingleLineField, limited_text, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District, OrgUnit
from stadtdialog.organisation.queries import active_units
from stadtdialog.processes.models import Process

from .models import Initiative


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InitiativeListQuery(forms.Form):
    """The filters of the public list (core.forms.parse_query): a value that is not one of these is ignored."""

    stand = forms.ChoiceField(required=False, choices=Initiative.State.choices)
    art = forms.ChoiceField(required=False, choices=Initiative.Kind.choices)
    bezirk = forms.RegexField(required=False, regex=r"\A(gesamtstaedtisch|[0-9]{1,3})\Z")


class InitiativeForm(AntiBotMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What would you like to submit?"), widget=forms.RadioSelect)
    title = SingleLineField(label=_("Title"), max_length=max_length_of(Initiative, "title"))
    description = limited_text(
        _("Description"),
        max_length_of(Initiative, "description"),
        rows=8,
        help_text=_("What is it about, why does it matter, who is concerned?"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.order_by("number"),
        required=False,
        empty_label=_("The whole city"),
    )
    council_decision_date = forms.DateField(
        label=_("Date of the council's decision"),
        required=False,
        widget=date_input(),
        help_text=_("Only for a motion of a district council."),
    )
    motion_number = forms.CharField(
        label=_("Number of the motion"),
        max_length=max_length_of(Initiative, "motion_number"),
        required=False,
        help_text=_("Only for a motion of a district council, e.g. 15-1178/2026."),
    )

    def __init__(self, *args, may_file_motion=False, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [
            (Initiative.Kind.PROCESS_REQUEST, Initiative.Kind.PROCESS_REQUEST.label),
            (Initiative.Kind.PLAN_IDEA, Initiative.Kind.PLAN_IDEA.label),
        ]
        if may_file_motion:
            kinds.append((Initiative.Kind.COUNCIL_MOTION, Initiative.Kind.COUNCIL_MOTION.label))
        else:
            del self.fields["council_decision_date"], self.fields["motion_number"]
        self.fields["kind"].choices = kinds

    def clean(self):
        data = super().clean()
        if data.get("kind") == Initiative.Kind.COUNCIL_MOTION:
            if data.get("district") is None:
                self.add_error("district", _("A council motion belongs to the district of the council."))
            decision_date = data.get("council_decision_date")
            if decision_date is None and "council_decision_date" not in self.errors:
                self.add_error("council_decision_date", _("Please give the date of the council's decision."))
            elif decision_date is not None and decision_date > timezone.localdate():
                self.add_error("council_decision_date", _("The date of the decision cannot be in the future."))
        return data

    def service_data(self) -> dict:
        """The keyword arguments of services.submit_initiative."""
        names = ["kind", "title", "description", "district", "council_decision_date", "motion_number"]
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class AssignForm(VersionedForm):
    department = forms.ModelChoiceField(
        label=_("Responsible department"),
        queryset=active_units().exclude(kind=OrgUnit.Kind.DIRECTORATE),
    )


class StateForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Note or reason (published)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the initiative is declined."),
    )
    process = forms.ModelChoiceField(
        label=_("Participation process that follows"),
        queryset=Process.objects.none(),
        required=False,
        help_text=_("Only for an accepted initiative; can also be added later."),
    )

    def __init__(self, *args, states=(), processes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(state, Initiative.State(state).label) for state in states]
        if processes is not None:
            self.fields["process"].queryset = processes


class LinkProcessForm(VersionedForm):
    process = forms.ModelChoiceField(label=_("Participation process that follows"), queryset=Process.objects.none())

    def __init__(self, *args, processes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if processes is not None:
            self.fields["process"].queryset = processes
