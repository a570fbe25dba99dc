"""Forms of residents' concerns: the public form and the staff's triage forms. Forms parse and check the fields
(limits from the model fields); services check permissions and what crosses objects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.antibot import AntiBotMixin
from stadtdialog.core.forms import SingleLineField, id_field, limited_text, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.dialog.forms import CoordinateField, quarter_choices
from stadtdialog.dialog.images import CheckedImage, checked_image
from stadtdialog.initiatives.models import Initiative
from stadtdialog.organisation.models import District, OrgUnit
from stadtdialog.organisation.points import point_error
from stadtdialog.organisation.queries import active_units

from .models import ContactPoint
from .models.concerns import OUTCOMES, Concern, ConcernCategory, ConcernNote, ConcernStep, ConcernUpdate
from .queries_concerns import LIST_FILTERS, active_categories


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _departments():
    return active_units().exclude(kind=OrgUnit.Kind.DIRECTORATE)


class ConcernCreateQuery(forms.Form):
    """?bezirk=<slug> preselects the district (from the district page)."""

    bezirk = forms.SlugField(required=False, max_length=50)


class ConcernForm(AntiBotMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("What is your concern about?"),
        queryset=ConcernCategory.objects.none(),
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose the category of your concern.")},
    )
    text = limited_text(
        _("Your concern"),
        max_length_of(Concern, "text"),
        rows=8,
        help_text=_("What is it about, where exactly, since when? Please do not write personal data of other people."),
        error_messages={"required": _("Please describe your concern.")},
    )
    answer = forms.CharField(
        label=_("Answer to the question of the category (if it asks one)"),
        max_length=max_length_of(Concern, "answer"),
        required=False,
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.order_by("number"),
        required=False,
        empty_label=_("Please choose"),
        help_text=_("Not needed when you choose a quarter or mark a point."),
    )
    quarter = forms.ModelChoiceField(
        label=_("Quarter (optional)"),
        queryset=quarter_choices(),
        required=False,
        empty_label=_("No particular quarter"),
    )
    latitude = CoordinateField(label=_("Latitude (optional)"), help_text=_("e.g. 52.3745"))
    longitude = CoordinateField(label=_("Longitude (optional)"), help_text=_("e.g. 9.7386"))
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 5 MB. It is stored without its metadata (no GPS position)."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        required=False,
        max_length=max_length_of(Concern, "photo_alt"),
        help_text=_("Needed with a photo."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=max_length_of(Concern, "email"),
        help_text=_("For our answer and the link to the status of your concern. It is never published."),
        error_messages={"required": _("Please give your e-mail address, so that we can answer you.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the district management and the departments it involves use my details to handle my "
            "concern. They are deleted some months after the concern is closed; I can delete them earlier."
        ),
        error_messages={"required": _("Without your consent we cannot handle the concern.")},
    )
    consent_publish = forms.BooleanField(
        label=_("The district management may publish a short anonymised summary (category, quarter, status, outcome)."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = active_categories()

    def clean_photo_alt(self):
        return " ".join((self.cleaned_data.get("photo_alt") or "").split())

    def clean_photo(self) -> CheckedImage | None:
        photo = self.cleaned_data.get("photo")
        return checked_image(photo) if photo else None

    def clean(self):
        data = super().clean()
        if data.get("photo") and not data.get("photo_alt") and "photo_alt" not in self.errors:
            self.add_error("photo_alt", _("Please describe what the photo shows, for people who cannot see it."))
        if "latitude" in data and "longitude" in data:
            error = point_error(data["latitude"], data["longitude"])
            if error:
                self.add_error("latitude", error)
        has_place = data.get("district") or data.get("quarter") or data.get("latitude") is not None
        if not has_place and not ({"district", "quarter", "latitude"} & set(self.errors)):
            self.add_error("district", _("Please choose the district, a quarter or mark a point."))
        category = data.get("category")
        if category and category.question_required and not data.get("answer") and "answer" not in self.errors:
            self.add_error("answer", _("Please answer the question of this category: %(q)s") % {"q": category.question})
        return data

    SERVICE_FIELDS = (
        "category",
        "text",
        "answer",
        "district",
        "quarter",
        "latitude",
        "longitude",
        "photo",
        "photo_alt",
        "email",
        "consent_publish",
    )

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.SERVICE_FIELDS}


class PageQuery(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=10**6)


class StaffListQuery(forms.Form):
    stand = forms.ChoiceField(required=False, choices=[(value, value) for value in LIST_FILTERS])
    page = forms.IntegerField(required=False, min_value=1, max_value=10**6)


class ReferForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Department"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("none")
    )
    contact_point = forms.ModelChoiceField(
        label=_("or an entry of the directory"),
        queryset=ContactPoint.objects.none(),
        required=False,
        empty_label=_("none"),
    )
    note = limited_text(
        _("Note for the resident"),
        max_length_of(Concern, "referral_note"),
        rows=4,
        help_text=_("Mailed to the resident with the contact's details: who helps and how."),
    )

    def __init__(self, *args, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _departments()
        points = ContactPoint.objects.filter(is_published=True)
        if district is not None:
            points = points.filter(district__in=[district]) | points.filter(district__isnull=True)
        self.fields["contact_point"].queryset = points.order_by("name")

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("unit") is None) == (data.get("contact_point") is None):
            self.add_error("unit", _("Please name either a department or an entry of the directory."))
        return data


class TakeCareForm(forms.Form):
    text = limited_text(
        _("First update for the resident (optional)"),
        max_length_of(ConcernUpdate, "text"),
        rows=3,
        required=False,
    )


class StepForm(forms.Form):
    what = SingleLineField(label=_("What"), max_length=max_length_of(ConcernStep, "what"))
    unit = forms.ModelChoiceField(
        label=_("Who: a department"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("none")
    )
    network = SingleLineField(
        label=_("or a network"),
        max_length=max_length_of(ConcernStep, "network"),
        required=False,
        help_text=_("E.g. “Runder Tisch Linden-Süd”."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=_date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _departments()

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("unit") is None and not data.get("network"):
            self.add_error("unit", _("Please name the department or the network that does this step."))
        return data


class UpdateForm(forms.Form):
    text = limited_text(
        _("Status update for the resident"),
        max_length_of(ConcernUpdate, "text"),
        rows=4,
        help_text=_("Mailed to the resident and shown at their private link."),
    )
    step = forms.ModelChoiceField(
        label=_("About the step"), queryset=ConcernStep.objects.none(), required=False, empty_label=_("none")
    )

    def __init__(self, *args, concern=None, **kwargs):
        super().__init__(*args, **kwargs)
        if concern is not None:
            self.fields["step"].queryset = ConcernStep.objects.filter(concern=concern)


class NoteForm(forms.Form):
    text = limited_text(
        _("Internal note"),
        max_length_of(ConcernNote, "text"),
        rows=3,
        help_text=_("Only the staff handling the concern read it."),
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How does the concern end?"),
        choices=[(status.value, status.label) for status in OUTCOMES],
        widget=forms.RadioSelect,
    )
    reason = limited_text(
        _("Reason"), max_length_of(Concern, "outcome_reason"), rows=4, help_text=_("Mailed to the resident.")
    )


class MoveForm(forms.Form):
    district = forms.ModelChoiceField(label=_("Move to the district"), queryset=District.objects.order_by("number"))
    note = limited_text(
        _("Note for the resident (optional)"), max_length_of(ConcernUpdate, "text"), rows=3, required=False
    )


class InitiativeFromConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Turn into"),
        choices=[
            (Initiative.Kind.PROCESS_REQUEST, Initiative.Kind.PROCESS_REQUEST.label),
            (Initiative.Kind.PLAN_IDEA, Initiative.Kind.PLAN_IDEA.label),
        ],
        widget=forms.RadioSelect,
    )
    title = SingleLineField(label=_("Title"), max_length=max_length_of(Initiative, "title"))
    description = limited_text(
        _("Description (published, without personal data)"), max_length_of(Initiative, "description"), rows=5
    )


class SummaryForm(forms.Form):
    summary = limited_text(
        _("Anonymised public summary"),
        max_length_of(Concern, "public_summary"),
        rows=3,
        help_text=_("No names, addresses or other details that identify the resident."),
    )


class CategoryForm(VersionedForm):
    code = forms.SlugField(label=_("Code"), max_length=max_length_of(ConcernCategory, "code"))
    name = SingleLineField(label=_("Name"), max_length=max_length_of(ConcernCategory, "name"))
    description = SingleLineField(
        label=_("Description"), max_length=max_length_of(ConcernCategory, "description"), required=False
    )
    group = SingleLineField(label=_("Group"), max_length=max_length_of(ConcernCategory, "group"), required=False)
    due_days = forms.IntegerField(label=_("Days until due"), min_value=1, max_value=365)
    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("none")
    )
    question = SingleLineField(
        label=_("Extra question"), max_length=max_length_of(ConcernCategory, "question"), required=False
    )
    question_required = forms.BooleanField(label=_("The extra question must be answered"), required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, initial=0)
    is_active = forms.BooleanField(label=_("Offered in the form"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()

    def clean(self):
        data = super().clean()
        if data.get("question_required") and not data.get("question"):
            self.add_error("question", _("Please write the question that must be answered."))
        return data


class ClientForm(forms.Form):
    name = SingleLineField(label=_("Name of the application"), max_length=max_length_of(ConcernCategory, "name"))


class StepChoice(forms.Form):
    step = id_field()


class ClientChoice(forms.Form):
    client = id_field()
