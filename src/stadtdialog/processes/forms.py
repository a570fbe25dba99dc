"""Staff forms for processes and their concepts: texts, goals and phases as formsets, contacts."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import RICH_TEXT_HELP, RichTextarea, SingleLineField, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.plans.forms import EuroField, date_input

from .models import Concept, ConceptVersion, Goal, Phase, Process
from .services import CONCEPT_VERSION, CONCEPT_VERSION_FIELDS, REQUIRED, ConceptTexts, eligible_contacts

# The concept form's fields that publish_process needs filled (goals and phases are formsets, marked in the template).
NEEDED_FOR_PUBLISHING = [key for _anchor, key in REQUIRED if key not in ("goals", "phases")]
MODERATION_CHOICES = [("", _("Not yet decided")), ("yes", _("Yes")), ("no", _("No"))]


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


def long_text(label, rows=5, help_text=None) -> forms.CharField:
    """A long text of the concept (Concept.RICH_TEXT_FIELDS): the rich-text editor of the other staff forms
    (core.forms.RichTextarea, static/js/richtext.js); the service sanitises what comes (core.sanitize)."""
    return forms.CharField(
        label=label,
        required=False,
        widget=RichTextarea({"rows": rows}),
        help_text=format_lazy("{} {}", help_text, RICH_TEXT_HELP) if help_text else RICH_TEXT_HELP,
    )


class ProcessCreateForm(forms.Form):
    title = SingleLineField(
        label=_("Title of the process"),
        max_length=max_length_of(Process, "title"),
        help_text=_("For example “Online dialog on the playground design”."),
    )


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        unit = user.org_unit.short_name if user.org_unit else ""
        return f"{user} ({unit})" if unit else str(user)


class ConceptForm(VersionedForm):
    """The concept's texts, budget, contacts and groups. Drafts may be incomplete; publishing checks. The
    version (core.versioning) covers the goal and phase formsets of the page too."""

    version_fields = CONCEPT_VERSION_FIELDS
    version_extra = CONCEPT_VERSION

    title = SingleLineField(label=_("Title of the process"), max_length=max_length_of(Process, "title"))
    subject = long_text(_("Subject of participation"), rows=6, help_text=_("What exactly is open for participation?"))
    scope_open = long_text(_("What can still be shaped or decided"))
    scope_fixed = long_text(_("What is already fixed"))
    decision_maker = forms.CharField(
        label=_("Decision maker"),
        required=False,
        max_length=max_length_of(Concept, "decision_maker"),
        help_text=_("The body or person who decides."),
    )
    decision_where = forms.CharField(
        label=_("Where the decision is taken"), required=False, max_length=max_length_of(Concept, "decision_where")
    )
    decision_when = forms.CharField(
        label=_("When the decision is taken"),
        required=False,
        max_length=max_length_of(Concept, "decision_when"),
        help_text=_("A date or a period, e.g. “spring 2027”."),
    )
    results_handling = long_text(_("Handling of the results"))
    implementation = long_text(_("Implementation"))
    staff_time = forms.CharField(
        label=_("Internal staff time"),
        required=False,
        max_length=max_length_of(Concept, "staff_time"),
        help_text=_("e.g. “about 40 working days”"),
    )
    external_costs = EuroField(
        label=_("External costs in euros"),
        required=False,
        max_digits=12,
        help_text=_("Enter 0 if there are none."),
    )
    external_moderation = forms.ChoiceField(
        label=_("External moderation"),
        required=False,
        choices=MODERATION_CHOICES,
        widget=forms.RadioSelect,
    )
    lead_contact = ContactChoiceField(
        label=_("Lead contact"),
        required=False,
        queryset=None,
        help_text=_("Shown publicly with office contact details only."),
    )
    deputy = ContactChoiceField(label=_("Deputy"), required=False, queryset=None)
    project_group = long_text(_("Project group"), help_text=_("Internal, cross-department team."))
    advisory_group = long_text(_("Advisory group"))
    change_note = forms.CharField(
        label=_("What changed and why"),
        required=False,
        max_length=max_length_of(ConceptVersion, "change_note"),
        help_text=_("Shown in the public version history, e.g. “Date of the workshop moved”."),
    )

    TEXT_FIELDS = [
        "subject",
        "scope_open",
        "scope_fixed",
        "decision_maker",
        "decision_where",
        "decision_when",
        "results_handling",
        "implementation",
        "staff_time",
        "external_costs",
        "project_group",
        "advisory_group",
    ]

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        # The parts the publish check needs (services.REQUIRED) are marked "needed for publishing", not "optional".
        for name in NEEDED_FOR_PUBLISHING:
            self.fields[name].needed_for_publishing = True
        contacts = eligible_contacts(process.plan)
        self.fields["lead_contact"].queryset = contacts
        self.fields["deputy"].queryset = contacts
        if not process.is_published:
            del self.fields["change_note"]
        else:
            self.fields["change_note"].label = _("What changed and why (required)")

    def clean(self):
        data = super().clean()
        lead_contact, deputy = data.get("lead_contact"), data.get("deputy")
        if lead_contact is not None and deputy is not None and lead_contact.pk == deputy.pk:
            self.add_error("deputy", _("The deputy must be a different person from the lead contact."))
        return data

    def concept_data(self) -> ConceptTexts:
        """The concept's texts and the process title, as keyword arguments of services.save_concept."""
        data = {name: self.cleaned_data.get(name) for name in self.TEXT_FIELDS}
        data["title"] = self.cleaned_data["title"]
        data["external_moderation"] = {"yes": True, "no": False}.get(self.cleaned_data.get("external_moderation"))
        return data


def concept_initial(process) -> dict:
    concept = process.concept
    initial = {name: getattr(concept, name) for name in ConceptForm.TEXT_FIELDS}
    initial["title"] = process.title
    initial["external_moderation"] = {True: "yes", False: "no"}.get(concept.external_moderation, "")
    initial["lead_contact"] = process.lead_contact_id
    initial["deputy"] = process.deputy_id
    return initial


class GoalForm(forms.Form):
    description = forms.CharField(label=_("Goal"), widget=textarea(2), help_text=_("What is to be achieved?"))
    indicator = forms.CharField(
        label=_("Indicator"), max_length=max_length_of(Goal, "indicator"), help_text=_("How is it measured?")
    )
    target_value = forms.CharField(label=_("Target value"), max_length=max_length_of(Goal, "target_value"))
    due_date = forms.DateField(
        label=_("To be reached by"),
        widget=date_input(),
        error_messages={"required": _("Please state by when the goal is to be reached.")},
    )


class PhaseForm(forms.Form):
    title = SingleLineField(label=_("Title"), max_length=max_length_of(Phase, "title"))
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "–"), *Phase.Kind.choices])
    format = forms.ChoiceField(label=_("Format"), choices=[("", "–"), *Phase.Format.choices])
    channel = forms.ChoiceField(label=_("Online or on site"), choices=[("", "–"), *Phase.Channel.choices])
    start = forms.DateField(label=_("Start"), widget=date_input())
    end = forms.DateField(label=_("End"), widget=date_input())
    description = forms.CharField(label=_("Description"), required=False, widget=textarea())
    target_groups = forms.CharField(
        label=_("Target groups and how they are reached"), required=False, widget=textarea()
    )
    multipliers = forms.CharField(
        label=_("Multipliers"),
        required=False,
        widget=textarea(2),
        help_text=_("Networks and people who pass the word on."),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end cannot be before the start."))
        return data


# Two empty rows without JavaScript; with it, "add another" shows one at a time (static/js/formset-rows.js).
GoalFormSet = forms.formset_factory(GoalForm, extra=2, can_delete=True)
PhaseFormSet = forms.formset_factory(PhaseForm, extra=2, can_delete=True)


def kept(formset) -> list[dict]:
    """The filled-in, not deleted forms of a valid formset, as dicts for the services."""
    rows = []
    for index, form in enumerate(formset.forms):
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        if getattr(form, "cleaned_data", {}).get("DELETE"):
            continue
        rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
    return rows


def goals_initial(process) -> list[dict]:
    return [
        {"description": g.description, "indicator": g.indicator, "target_value": g.target_value, "due_date": g.due_date}
        for g in process.concept.goals.all()
    ]


def phases_initial(process) -> list[dict]:
    return [
        {
            f: getattr(p, f)
            for f in (
                "title",
                "kind",
                "format",
                "channel",
                "start",
                "end",
                "description",
                "target_groups",
                "multipliers",
            )
        }
        for p in process.phases.all()
    ]
