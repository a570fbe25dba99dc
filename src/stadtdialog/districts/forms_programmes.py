"""Forms of the action programmes: residents' proposals and points; staff's programme (with the directors'
conference's decision), rounds, needs from conferences and concerns, answers and priorities."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import SingleLineField, id_field, limited_text, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.dialog.models import Response
from stadtdialog.organisation.models import FieldOfAction

from .models.programmes import ActionProgramme, Need, PrioritisationRound, Priority

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _field_of_action(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=FieldOfAction.objects.order_by("position", "name"),
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose the field of action.")},
        **kwargs,
    )


class ProposalForm(forms.Form):
    """A resident proposes a need in an open round."""

    field_of_action = _field_of_action()
    title = SingleLineField(
        label=_("Your proposal in a few words"),
        max_length=max_length_of(Need, "title"),
        help_text=_("For example “More benches at Lindener Marktplatz”."),
        error_messages={"required": _("Please give your proposal a title.")},
    )
    text = limited_text(
        _("What is needed, and why?"),
        Need._meta.get_field("text").max_length,
        rows=5,
        help_text=_("Please give no names or other personal details of others."),
        error_messages={"required": _("Please describe the need.")},
    )


class PointsForm(forms.Form):
    """One number field per need of the round; the sum is checked by the service against the round's points."""

    def __init__(self, *args, needs=(), limit: int = 10, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.limit = limit
        self.needs = list(needs)
        for need in self.needs:
            self.fields[f"need_{need.pk}"] = forms.IntegerField(
                label=need.title,
                required=False,
                min_value=0,
                max_value=limit,
                initial=current.get(need.pk, 0),
                widget=forms.NumberInput(attrs={"data-points": "", "inputmode": "numeric", "class": "points-input"}),
                error_messages={
                    "min_value": _("Points cannot be negative."),
                    "max_value": _("At most %(limit_value)s points."),
                    "invalid": _("Please enter a whole number of points."),
                },
            )

    def rows(self):
        """(need, bound field) for the template."""
        return [(need, self[f"need_{need.pk}"]) for need in self.needs]

    def points(self) -> dict[int, int]:
        return {need.pk: self.cleaned_data.get(f"need_{need.pk}") or 0 for need in self.needs}


class FlagNeedForm(forms.Form):
    """The reason for a report to the moderators (the moderation app's limit)."""

    reason = limited_text(
        _("Why should the moderators look at this?"),
        1000,
        rows=4,
        help_text=_("For example: insulting, discriminating, advertising, personal data of others, off topic."),
        error_messages={"required": _("Please give a reason.")},
    )


# -- staff --------------------------------------------------------------------------------------------------


class ProgrammeForm(VersionedForm):
    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(ActionProgramme, "title"),
        help_text=_("For example “Aktionsprogramm Linden-Limmer 2027–2030”."),
    )
    summary = limited_text(_("Summary"), ActionProgramme._meta.get_field("summary").max_length, rows=4, required=False)
    is_published = forms.BooleanField(label=_("Show the programme in public"), required=False)
    decided_on = forms.DateField(
        label=_("Decided by the directors' conference on"), required=False, widget=_date_input()
    )
    outcome = forms.ChoiceField(
        label=_("Decision of the directors' conference"),
        choices=[("", _("not decided yet")), *ActionProgramme.Outcome.choices],
        required=False,
    )
    decision_text = limited_text(
        _("What the directors' conference decided"),
        ActionProgramme._meta.get_field("decision_text").max_length,
        rows=3,
        required=False,
    )


class RoundForm(VersionedForm):
    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(PrioritisationRound, "title"),
        help_text=_("For example “Priorisierungsrunde Frühjahr 2027”."),
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=_datetime_input(), input_formats=DATETIME_FORMATS)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=_datetime_input(), input_formats=DATETIME_FORMATS)
    points_per_resident = forms.IntegerField(label=_("Points per resident"), min_value=1, max_value=100, initial=10)


class ConferenceNeedForm(forms.Form):
    field_of_action = _field_of_action()
    title = SingleLineField(label=_("Need"), max_length=max_length_of(Need, "title"))
    text = limited_text(_("Description"), Need._meta.get_field("text").max_length, rows=4)
    source_on = forms.DateField(label=_("Date of the conference"), widget=_date_input())
    source_note = SingleLineField(
        label=_("Where it came up"),
        max_length=max_length_of(Need, "source_note"),
        required=False,
        help_text=_("For example “Stadtbezirkskonferenz 12.03.2027”."),
    )
    round = forms.ModelChoiceField(
        label=_("Put it into the round"),
        queryset=PrioritisationRound.objects.none(),
        required=False,
        empty_label=_("no round"),
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["round"].queryset = programme.rounds.order_by("-opens_at")


class ConcernNeedForm(ConferenceNeedForm):
    """Taking a concern over: staff write the need in their words (nothing of the resident's text is copied)."""

    source_on = None
    source_note = None
    text = limited_text(
        _("Description"),
        Need._meta.get_field("text").max_length,
        rows=4,
        help_text=_("In your words, without names, addresses or anything that identifies the resident."),
    )


class ConcernChoice(forms.Form):
    concern = id_field()


class AnswerForm(VersionedForm):
    version_fields = ("answer_status", "answer_text")

    answer_status = forms.ChoiceField(
        label=_("Status of the answer"), choices=Response.Status.choices, widget=forms.RadioSelect
    )
    answer_text = limited_text(
        _("Answer and reason"),
        Need._meta.get_field("answer_text").max_length,
        rows=6,
        required=False,
        help_text=_("Required for every status except “Taken into account” and “Under review”. It is published."),
    )


class PriorityForm(VersionedForm):
    title = SingleLineField(label=_("Priority"), max_length=max_length_of(Priority, "title"))
    field_of_action = _field_of_action()
    description = limited_text(
        _("Description"), Priority._meta.get_field("description").max_length, rows=4, required=False
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs it takes up"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreed_on = forms.DateField(label=_("Agreed on"), widget=_date_input())
    agreed_at = SingleLineField(
        label=_("Agreed at"),
        max_length=max_length_of(Priority, "agreed_at"),
        help_text=_("For example “Stadtbezirkskonferenz 12.03.2027”."),
    )
    state = forms.ChoiceField(label=_("State"), choices=Priority.State.choices, initial=Priority.State.AGREED)
    state_note = SingleLineField(
        label=_("Note on the state"), max_length=max_length_of(Priority, "state_note"), required=False
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["needs"].queryset = (
                Need.objects.filter(programme=programme, hidden_at__isnull=True)
                .select_related("field_of_action")
                .order_by("-points_total", "id")
            )
            self.fields["needs"].label_from_instance = lambda need: f"{need.title} ({need.points_total})"
