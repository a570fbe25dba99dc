"""Forms of the district pages, the work area and the directory. Forms parse and check; the services save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtdialog.accounts.models import User
from stadtdialog.core.forms import SingleLineField, limited_text, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District, Quarter
from stadtdialog.organisation.queries import active_units
from stadtdialog.plans.models import Attachment
from stadtdialog.plans.uploads import checked_upload

from .models import ContactPoint, DistrictProfile, MonitoringNote, Network
from .services import PROFILE_VERSION

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _single(model, name, label, required=True, **kwargs):
    return SingleLineField(label=label, max_length=max_length_of(model, name), required=required, **kwargs)


class DirectoryQuery(forms.Form):
    """Filters of the public directory (?bezirk=<slug>&thema=<text>&sprache=leicht)."""

    bezirk = forms.SlugField(required=False, max_length=50)
    thema = forms.CharField(required=False, max_length=100)
    sprache = forms.ChoiceField(required=False, choices=[("", ""), ("leicht", "leicht")])


class ProfileForm(VersionedForm):
    version_fields = ()  # the profile's fields, read through the district (services.PROFILE_VERSION)
    version_extra = PROFILE_VERSION

    introduction = limited_text(_("Introduction"), max_length_of(DistrictProfile, "introduction"), required=False)
    office_address = _single(DistrictProfile, "office_address", _("Office of the district management"), False)
    office_hours = _single(
        DistrictProfile,
        "office_hours",
        _("Office hours"),
        False,
        help_text=_("For example “Tuesdays 10–12 and Thursdays 15–18”."),
    )
    concern_how = limited_text(
        _("How to bring a concern"),
        max_length_of(DistrictProfile, "concern_how"),
        required=False,
        help_text=_("In plain words: by phone, by e-mail, at the office hours or with the form on this site."),
    )
    photo = forms.FileField(
        label=_("Photo of the district management"), required=False, help_text=_("PNG, JPEG or WebP.")
    )
    photo_alt = _single(
        DistrictProfile,
        "photo_alt",
        _("Description of the photo"),
        False,
        help_text=_("For people who cannot see the photo."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        kind, stored = checked_upload(photo)  # re-encoded without its metadata
        if kind != Attachment.Kind.IMAGE:
            raise ValidationError(gettext("Only PNG, JPEG or WebP images are allowed."))
        return stored

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class NetworkForm(VersionedForm, forms.ModelForm):
    name = _single(Network, "name", _("Name"))
    topics = _single(Network, "topics", _("Topics"), help_text=_("Separated by commas, e.g. “Familien, Spielplätze”."))
    contact = _single(
        Network,
        "contact",
        _("Contact"),
        help_text=_("An office address, e-mail or phone; a person's name only when they agreed to be listed."),
    )
    meeting_rhythm = _single(
        Network, "meeting_rhythm", _("Meeting rhythm"), False, help_text=_("For example “every second Tuesday, 18:00”.")
    )

    class Meta:
        model = Network
        fields = ["kind", "name", "topics", "contact", "meeting_rhythm", "quarter", "is_published"]

    def __init__(self, *args, district: District, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].queryset = Quarter.objects.filter(district=district).order_by("name")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class NoteForm(VersionedForm, forms.ModelForm):
    title = _single(MonitoringNote, "title", _("Title"))
    text = limited_text(_("Note"), max_length_of(MonitoringNote, "text"))

    class Meta:
        model = MonitoringNote
        fields = ["kind", "title", "text", "is_public"]

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ContactPointForm(VersionedForm, forms.ModelForm):
    name = _single(ContactPoint, "name", _("Name of the service or place"))
    topics = _single(ContactPoint, "topics", _("Topics"), help_text=_("Separated by commas, e.g. “Pflege, Rente”."))
    description = limited_text(_("Description"), max_length_of(ContactPoint, "description"))
    description_easy = limited_text(
        _("Description in easy language"),
        max_length_of(ContactPoint, "description_easy"),
        required=False,
        help_text=_("Short sentences, one thought a sentence, no foreign words (rules of Leichte Sprache)."),
    )
    address = _single(ContactPoint, "address", _("Address"), False)
    phone = _single(ContactPoint, "phone", _("Phone"), False)
    opening_hours = _single(ContactPoint, "opening_hours", _("Opening hours"), False)
    accessibility = _single(
        ContactPoint,
        "accessibility",
        _("Accessibility of the place"),
        False,
        help_text=_("E.g. step-free access, hearing loop."),
    )
    website = forms.URLField(
        label=_("Web page"), required=False, assume_scheme="https", max_length=max_length_of(ContactPoint, "website")
    )
    person_name = _single(
        ContactPoint,
        "person_name",
        _("Name of the contact person"),
        False,
        help_text=_("Only for staff of the city (choose the account) or a person who agreed to be listed."),
    )

    class Meta:
        model = ContactPoint
        fields = [
            "district",
            "kind",
            "name",
            "topics",
            "description",
            "description_easy",
            "org_unit",
            "address",
            "phone",
            "email",
            "website",
            "opening_hours",
            "accessibility",
            "person_name",
            "person_account",
            "person_agreed",
            "is_published",
        ]

    def __init__(self, *args, districts, city_wide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        if city_wide:  # the admins and the coordination office keep the entries for the whole city too
            self.fields["district"].empty_label = gettext("The whole city")
        else:
            self.fields["district"].required = True
            self.fields["district"].empty_label = None
        self.fields["org_unit"].queryset = active_units()
        self.fields["person_account"].queryset = User.objects.filter(role_set__isnull=False, is_active=True).distinct()

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns bezirk;stadtteil;kennzahl;bezeichnung;jahr;wert;einheit;quelle, UTF-8, at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(gettext("The file is larger than 5 MB."))
        return upload.read()
