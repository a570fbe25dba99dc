"""Forms of the consultation requests, the work aids and the training catalogue (issue 15, items 6 to 8)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core.forms import SingleLineField, limited_text, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process

from .models_advice import ConsultationNote, ConsultationRequest, WorkAid, WorkAidVersion
from .services.advice import advisors, check_work_aid_file

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


def date_field(label, **kwargs):
    return forms.DateField(
        label=label, input_formats=DATE_FORMATS, widget=forms.DateInput(attrs={"type": "date"}), **kwargs
    )


class AdvisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.display_name


# --- consultation requests -----------------------------------------------------------------------------------


class ConsultationRequestForm(forms.Form):
    """A department asks the coordination office for support with a process."""

    topic = forms.ChoiceField(
        label=_("What do you need support with?"),
        choices=ConsultationRequest.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what you need support with.")},
    )
    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(ConsultationRequest, "title"),
        help_text=_("For example “Moderation of the Bürgerwerkstatt Wasserstadt Limmer”."),
        error_messages={"required": _("Please give the request a title.")},
    )
    description = limited_text(
        _("What the support is needed for"),
        ConsultationRequest._meta.get_field("description").max_length,
        help_text=_("The process, its stage, what you expect from the coordination office."),
        error_messages={"required": _("Please describe what you need.")},
    )
    org_unit = forms.ModelChoiceField(
        label=_("Department"), queryset=OrgUnit.objects.none(), error_messages={"required": _("Please choose.")}
    )
    process = forms.ModelChoiceField(label=_("Participation process"), queryset=Process.objects.none(), required=False)
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), required=False)
    wished_date = date_field(
        _("Wished date"), required=False, help_text=_("By when, or on which day (e.g. of the event), you need it.")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.order_by("name")
        processes = Process.objects.select_related("plan").order_by("title")
        plans = Plan.objects.order_by("title")
        if user is not None and not is_city_wide_staff(user):
            ids = unit_ids_of(user)
            units = units.filter(id__in=ids)
            processes = processes.filter(plan__lead_unit_id__in=ids)
            plans = plans.filter(lead_unit_id__in=ids)
        self.fields["org_unit"].queryset = units
        self.fields["process"].queryset = processes
        self.fields["plan"].queryset = plans
        if user is not None and user.org_unit_id and not self.is_bound:
            self.initial.setdefault("org_unit", user.org_unit_id)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class HandlingForm(VersionedForm):
    """The coordination office's handling of a request: advisor, status, reason, linked process."""

    advisor = AdvisorChoiceField(label=_("Advisor"), queryset=advisors(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ConsultationRequest.Status.choices)
    decline_reason = SingleLineField(
        label=_("Reason for declining"),
        max_length=max_length_of(ConsultationRequest, "decline_reason"),
        required=False,
        help_text=_("Only when declined; the department reads it."),
    )
    process = forms.ModelChoiceField(
        label=_("Linked participation process"),
        queryset=Process.objects.select_related("plan").order_by("title"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors()

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class NoteForm(forms.Form):
    text = limited_text(
        _("Internal note"),
        ConsultationNote._meta.get_field("text").max_length,
        rows=3,
        help_text=_("Only the coordination office reads it."),
        error_messages={"required": _("Please write the note.")},
    )


class WorkloadQuery(forms.Form):
    """The filters of the office's overview: advisor and status."""

    berater = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    status = forms.ChoiceField(required=False, choices=[("", ""), *ConsultationRequest.Status.choices])


# --- work aids ------------------------------------------------------------------------------------------------

TARGET_GROUPS = {"verwaltung": "for_staff", "politik": "for_politics", "einwohnerschaft": "for_residents"}
TARGET_GROUP_CHOICES = [
    ("", _("All target groups")),
    ("verwaltung", _("City staff")),
    ("politik", _("Politicians")),
    ("einwohnerschaft", _("Residents")),
]


class WorkAidSearch(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    zielgruppe = forms.ChoiceField(label=_("Target group"), required=False, choices=TARGET_GROUP_CHOICES)
    art = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *WorkAid.Kind.choices])


class TrainingQuery(forms.Form):
    zielgruppe = forms.ChoiceField(label=_("Target group"), required=False, choices=TARGET_GROUP_CHOICES)


class WorkAidFileField(forms.FileField):
    """A file of a work aid: PDF, DOCX, ODT or XLSX, checked by its content and size."""

    def clean(self, data, initial=None):
        data = super().clean(data, initial)
        if data:
            check_work_aid_file(data)
        return data


def _check_target_groups(form) -> None:
    data = form.cleaned_data
    if not any(data.get(name) for name in WorkAid.TARGET_GROUP_FIELDS):
        form.add_error("for_staff", _("Please choose at least one target group."))


class WorkAidForm(VersionedForm, forms.ModelForm):
    """The description and visibility of a work aid (versioned, core.versioning)."""

    description = limited_text(
        _("Description"),
        max_length_of(WorkAid, "description"),
        rows=4,
        error_messages={"required": _("Please describe the work aid.")},
    )

    class Meta:
        model = WorkAid
        fields = ["title", "description", "kind", "for_staff", "for_politics", "for_residents", "is_public"]
        field_classes = {"title": SingleLineField}
        labels = {"is_public": _("Public: everyone can see and download it")}
        error_messages = {"title": {"required": _("Please give the title.")}}

    def clean(self):
        data = super().clean()
        _check_target_groups(self)
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class WorkAidVersionForm(forms.Form):
    """A new file of a work aid (a new version; the old ones stay)."""

    file = WorkAidFileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT or XLSX."),
        error_messages={"required": _("Please choose a file.")},
    )
    label = SingleLineField(
        label=_("Version name"),
        max_length=max_length_of(WorkAidVersion, "label"),
        required=False,
        help_text=_("For example “2.1”; empty: the number is counted on."),
    )
    issued_on = date_field(_("Date of the version"), error_messages={"required": _("Please give the date.")})
    changes = SingleLineField(
        label=_("What changed"), max_length=max_length_of(WorkAidVersion, "changes"), required=False
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class NewWorkAidForm(WorkAidVersionForm):
    """A new work aid with its first file."""

    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(WorkAid, "title"),
        error_messages={"required": _("Please give the title.")},
    )
    description = limited_text(
        _("Description"),
        max_length_of(WorkAid, "description"),
        rows=4,
        error_messages={"required": _("Please describe the work aid.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkAid.Kind.choices)
    for_staff = forms.BooleanField(label=_("for city staff"), required=False)
    for_politics = forms.BooleanField(label=_("for politicians"), required=False)
    for_residents = forms.BooleanField(label=_("for residents"), required=False)
    is_public = forms.BooleanField(label=_("Public: everyone can see and download it"), required=False)

    field_order = [
        "title",
        "description",
        "kind",
        "for_staff",
        "for_politics",
        "for_residents",
        "is_public",
        "file",
        "label",
        "issued_on",
        "changes",
    ]

    def clean(self):
        data = super().clean()
        _check_target_groups(self)
        return data
